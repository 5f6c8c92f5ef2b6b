package dev.swapdeck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.swapdeck.config.ConfigSources;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.routing.Lease;
import dev.swapdeck.routing.RoutingException;
import dev.swapdeck.routing.Upstreams;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.DemoYaml;
import dev.swapdeck.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload that lowers a model's {@code concurrencyLimit} applies it to requests that arrive from then
 * on: the requests the old limit had already let in keep their place and are served. They used to be
 * routed again under the new limit, and those beyond it were refused with 429 after waiting.
 */
class ReloadLoweringLimitTest {

    @Test
    void requestsAlreadyLetInAreServedAndOnlyNewOnesMeetTheLowerLimit(@TempDir Path dir) throws Exception {
        int port = FreePorts.loopback();
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml(port, "600000", 3));
        SwapdeckEngine engine = new SwapdeckEngine(ConfigSources.load(Optional.of(file), Optional.empty()),
                new LogHub(new EventBus()), (path, kept) -> ConfigSources.load(Optional.of(path), Optional.empty(), kept),
                ProcessFactory.childProcesses(), "http://127.0.0.1:0/v1");
        try {
            Upstreams upstreams = engine.upstreams();
            List<CompletableFuture<Lease>> waiting = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                waiting.add(upstreams.acquire(upstreams.resolve("s")));
            }
            Await.until("s starting", Duration.ofSeconds(20), () -> engine.models().stream()
                    .anyMatch(m -> m.id().equals("s") && m.process().state() == ProcessState.STARTING));

            Files.writeString(file, yaml(port, "0", 1));
            engine.reload(file).get(30, TimeUnit.SECONDS);

            List<Lease> leases = new ArrayList<>();
            for (CompletableFuture<Lease> request : waiting) {
                leases.add(request.get(30, TimeUnit.SECONDS));
            }
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> upstreams.acquire(upstreams.resolve("s")).get(30, TimeUnit.SECONDS));
            assertEquals(RoutingException.Kind.TOO_MANY_REQUESTS, ((RoutingException) refused.getCause()).kind());
            leases.forEach(Lease::close);
        } finally {
            engine.shutdown().get(30, TimeUnit.SECONDS);
        }
    }

    private static String yaml(int port, String healthDelayMs, int limit) {
        return "models:\n" + DemoYaml.model("s", port, List.of("--health-delay-ms", healthDelayMs), "concurrencyLimit: " + limit);
    }
}
