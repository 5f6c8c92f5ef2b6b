package dev.swapdeck.engine;

import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.memory.MemoryOptions;
import dev.swapdeck.process.ChildProcess;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.routing.ModelStatus;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A real engine over real child processes (the demo upstream), shut down when the test ends. */
public final class EngineHarness implements AutoCloseable {
    /** Shorter than the product's 5 s so tests of the kill path stay quick. */
    public static final Duration TEST_STOP_GRACE = Duration.ofSeconds(2);

    public final LogHub logs = new LogHub(new EventBus());
    public final SwapdeckEngine engine;

    public EngineHarness(SwapdeckConfig config) {
        engine = new SwapdeckEngine(config, logs, ConfigLoader::load,
                (model, cfg, hub) -> new ChildProcess(model, cfg.healthCheckTimeout(), TEST_STOP_GRACE, hub),
                "http://127.0.0.1:0/v1");
    }

    /** With memory measured where {@code memory} says (a fake nvidia-smi, a temporary state folder). */
    public EngineHarness(SwapdeckConfig config, MemoryOptions memory) {
        engine = new SwapdeckEngine(config, logs, ConfigLoader::load,
                (model, cfg, hub) -> new ChildProcess(model, cfg.healthCheckTimeout(), TEST_STOP_GRACE, hub),
                "http://127.0.0.1:0/v1", memory);
    }

    public ModelStatus status(String id) {
        return engine.models().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    public ProcessState state(String id) {
        return status(id).process().state();
    }

    @Override
    public void close() throws Exception {
        engine.shutdown().get(30, TimeUnit.SECONDS);
    }
}
