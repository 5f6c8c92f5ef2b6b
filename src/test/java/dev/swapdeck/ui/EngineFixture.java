package dev.swapdeck.ui;

import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.engine.SwapdeckEngine;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.process.ChildProcess;
import dev.swapdeck.proxy.ProxyServer;
import dev.swapdeck.testing.FreePorts;
import dev.swapdeck.testing.ProcessAssertions;
import dev.swapdeck.testing.TestModels;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The real engine over real demo-upstream child processes, optionally behind the real proxy on a
 * free loopback port. Closing shuts everything down and fails if any child process outlived it.
 */
public final class EngineFixture implements AutoCloseable {
    public final LogHub logs = new LogHub(new EventBus());
    public final SwapdeckEngine engine;
    private final ProxyServer proxy;
    private final int port;

    private EngineFixture(SwapdeckConfig config, boolean withProxy) {
        port = FreePorts.loopback();
        engine = new SwapdeckEngine(config, logs, ConfigLoader::load,
                (model, cfg, hub) -> new ChildProcess(model, cfg.healthCheckTimeout(), hub),
                "http://127.0.0.1:" + port + "/v1");
        proxy = withProxy ? new ProxyServer(engine) : null;
        if (proxy != null) {
            proxy.start("127.0.0.1", port);
        }
    }

    public static EngineFixture start(SwapdeckConfig config) {
        return new EngineFixture(config, false);
    }

    public static EngineFixture withProxy(SwapdeckConfig config) {
        return new EngineFixture(config, true);
    }

    /**
     * Two demo models and a profile: {@code alpha} (named "Alpha", alias {@code a}) ready almost at
     * once, {@code beta} (alias {@code b}) taking 400 ms to turn healthy so its start is visible.
     */
    public static SwapdeckConfig twoModels() {
        ModelConfig alpha = TestModels.model("alpha").name("Alpha").aliases("a").build();
        ModelConfig beta = TestModels.model("beta").aliases("b").demoArgs("--health-delay-ms", "400").build();
        return TestModels.config(Map.of("both", List.of("alpha", "beta")), alpha, beta);
    }

    public String proxyBase() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        if (proxy != null) {
            proxy.stop();
        }
        engine.shutdown().orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).join();
        ProcessAssertions.assertNoDescendants(Duration.ofSeconds(10));
    }
}
