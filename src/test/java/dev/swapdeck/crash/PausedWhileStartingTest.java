package dev.swapdeck.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.state.StateFolder;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.DemoYaml;
import dev.swapdeck.testing.FreePorts;
import dev.swapdeck.testing.SwapdeckJvm;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Swapdeck itself paused (a real SIGSTOP; a suspended laptop or VM alike) while a model starts,
 * for longer than {@code healthCheckTimeout}: on resume the model, healthy by then, is ready. The
 * deadline used to be checked before the next probe, so the start timed out without one more look
 * and killed a server that was healthy.
 */
@EnabledOnOs(OS.LINUX)
class PausedWhileStartingTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Test
    void aStartThatOutlivedItsDeadlineWhileSwapdeckWasPausedLooksOnceMoreBeforeGivingUp(@TempDir Path dir)
            throws Exception {
        String yaml = "healthCheckTimeout: " + SwapdeckConfig.MIN_HEALTH_CHECK_TIMEOUT.toSeconds() + "\nmodels:\n"
                + DemoYaml.model("a", FreePorts.loopback(), List.of("--health-delay-ms", "1000"));
        try (SwapdeckJvm app = SwapdeckJvm.in(dir).config(yaml).env(StateFolder.ENV_VARIABLE, dir.resolve("state").toString())
                .start()) {
            CompletableFuture<HttpResponse<String>> load = CompletableFuture.supplyAsync(() -> {
                try {
                    return app.post("/api/models/load/a");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Await.until(app::output, PATIENCE, () -> app.output().contains("spawned pid"));
            long server = app.pidOf("a");
            app.signal("STOP");
            try {
                TimeUnit.MILLISECONDS.sleep(SwapdeckConfig.MIN_HEALTH_CHECK_TIMEOUT.plusSeconds(1).toMillis());
            } finally {
                app.signal("CONT");
            }

            HttpResponse<String> loaded = load.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(200, loaded.statusCode(), loaded.body() + "\n" + app.output());
            assertEquals(server, app.pidOf("a"), "the same server, not a second start");
            assertTrue(ProcTable.alive(server));
            assertFalse(app.output().contains("timed out"), app.output());
        }
    }
}
