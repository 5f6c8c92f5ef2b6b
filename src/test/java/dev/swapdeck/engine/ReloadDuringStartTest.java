package dev.swapdeck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.ConfigSources;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.routing.Lease;
import dev.swapdeck.routing.Upstreams;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.DemoYaml;
import dev.swapdeck.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user who fixes a model whose start hangs reloads at once: the start under way is stopped (SPEC §3:
 * interruptible at every point) and the request waiting for it is served by the fixed model, instead of
 * the reload, and every start and swap behind it, waiting out the health check timeout.
 */
class ReloadDuringStartTest {

    @Test
    void aChangedModelsStartIsStoppedAndItsWaitingRequestServedByTheNewSettings(@TempDir Path dir) throws Exception {
        int port = FreePorts.loopback();
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml(port, "600000"));
        SwapdeckEngine engine = new SwapdeckEngine(ConfigSources.load(Optional.of(file), Optional.empty()),
                new LogHub(new EventBus()), (path, kept) -> ConfigSources.load(Optional.of(path), Optional.empty(), kept),
                ProcessFactory.childProcesses(), "http://127.0.0.1:0/v1");
        try {
            Upstreams upstreams = engine.upstreams();
            CompletableFuture<Lease> waiting = upstreams.acquire(upstreams.resolve("s"));
            Await.until("s starting", Duration.ofSeconds(20),
                    () -> engine.models().stream().anyMatch(m -> m.id().equals("s") && m.process().state() == ProcessState.STARTING));

            Files.writeString(file, yaml(port, "0"));
            engine.reload(file).get(30, TimeUnit.SECONDS); // the old start would hold it for 120 s

            Lease lease = waiting.get(30, TimeUnit.SECONDS);
            assertEquals("s", lease.model().id());
            assertTrue(lease.model().cmd().contains("0"), "served by the new settings: " + lease.model().cmd());
            lease.close();
        } finally {
            engine.shutdown().get(30, TimeUnit.SECONDS);
        }
    }

    private static String yaml(int port, String healthDelayMs) {
        return "models:\n" + DemoYaml.model("s", port, List.of("--health-delay-ms", healthDelayMs));
    }
}
