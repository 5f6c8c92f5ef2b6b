package dev.swapdeck.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.DemoYaml;
import dev.swapdeck.testing.FreePorts;
import dev.swapdeck.testing.SwapdeckJvm;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ways to reload a running Swapdeck (SIGHUP, {@code --watch-config}, {@code POST
 * /api/config/reload}), against a real Swapdeck JVM, with {@code --config-dir} merging files.
 */
class ReloadWhileRunningTest {
    private static final Duration SOON = Duration.ofSeconds(30);

    @Test
    void sighupReloadsAndKeepsTheRunningModel(@TempDir Path dir) throws Exception {
        int portA = FreePorts.loopback();
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "models:\n" + DemoYaml.model("a", portA, List.of()));
        try (SwapdeckJvm app = SwapdeckJvm.in(dir).args("-config", file.toString()).start()) {
            assertEquals(200, app.post("/api/models/load/a").statusCode());
            long pid = runningPid(app, "a");
            Files.writeString(file, "models:\n" + DemoYaml.model("a", portA, List.of())
                    + DemoYaml.model("b", FreePorts.loopback(), List.of()));
            app.signal("HUP");
            Await.until(app::output, SOON, () -> listed(app).contains("b"));
            assertTrue(app.process.isAlive(), "SIGHUP reloads, it does not end Swapdeck");
            assertEquals(pid, runningPid(app, "a"), "the unchanged model kept its process");

            Files.move(file, dir.resolve("config.yaml.moved"));
            HttpResponse<String> missing = app.post("/api/config/reload");
            assertEquals(400, missing.statusCode(), missing.body());
            assertTrue(missing.body().contains("configuration file not found: " + file), missing.body());
            assertEquals(pid, runningPid(app, "a"), "the running configuration stays");
        }
    }

    @Test
    void underNohupSighupCannotReloadAndTheLogSaysSo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "models:\n" + DemoYaml.model("a", FreePorts.loopback(), List.of()));
        try (SwapdeckJvm app = SwapdeckJvm.in(dir).under("nohup").args("-config", file.toString()).start()) {
            Await.until(app::output, SOON, () -> app.output().contains("SIGHUP was ignored when Swapdeck started"));
            assertTrue(app.output().contains("POST /api/config/reload"), app.output());
        }
        try (SwapdeckJvm app = SwapdeckJvm.in(dir).args("-config", file.toString()).start()) {
            Await.until(app::output, SOON, () -> app.output().contains("clients use"));
            assertFalse(app.output().contains("SIGHUP was ignored"), app.output());
            assertFalse(app.output().contains("SIGINT was ignored"), app.output());
        }
    }

    /** A script's background job starts with SIGINT ignored, which the JVM keeps: the log says how to stop it. */
    @Test
    void startedWithSigintIgnoredTheLogSaysHowToStop(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "models:\n" + DemoYaml.model("a", FreePorts.loopback(), List.of()));
        try (SwapdeckJvm app = SwapdeckJvm.in(dir).under("sh", "-c", "trap '' INT; exec \"$@\"", "sh")
                .args("-config", file.toString()).start()) {
            Await.until(app::output, SOON, () -> app.output().contains("SIGINT was ignored when Swapdeck started"));
            assertTrue(app.output().contains("stop it with SIGTERM, POST /api/shutdown"), app.output());
        }
    }

    @Test
    void aWatchedConfigDirIsMergedAndReloadedOnChange(@TempDir Path dir) throws Exception {
        Path configs = Files.createDirectory(dir.resolve("conf.d"));
        Files.writeString(configs.resolve("10-a.yaml"), "healthCheckTimeout: 30\nmodels:\n"
                + DemoYaml.model("a", FreePorts.loopback(), List.of()));
        Files.writeString(configs.resolve("20-b.yml"), "healthCheckTimeout: 30\nmodels:\n"
                + DemoYaml.model("b", FreePorts.loopback(), List.of()));
        Files.writeString(configs.resolve("notes.txt"), "not yaml, not read");
        try (SwapdeckJvm app = SwapdeckJvm.in(dir).args("-config-dir", configs.toString(), "-watch-config").start()) {
            assertEquals(List.of("a", "b"), listed(app));

            Files.writeString(configs.resolve("30-c.yaml"), "models:\n" + DemoYaml.model("c", FreePorts.loopback(), List.of()));
            Await.until(app::output, SOON, () -> listed(app).equals(List.of("a", "b", "c")));

            Path broken = configs.resolve("40-broken.yaml");
            Files.writeString(broken, "models:\n  a:\n    cmd: again\n    proxy: http://127.0.0.1:9\n");
            HttpResponse<String> rejected = app.post("/api/config/reload");
            assertEquals(400, rejected.statusCode(), rejected.body());
            assertTrue(rejected.body().contains("40-broken.yaml:2:3"), rejected.body());
            Await.until(app::output, SOON, () -> app.output().lines()
                    .anyMatch(line -> line.contains("[ERROR] ") && line.contains("40-broken.yaml:2:3")));
            assertFalse(app.output().contains("in force:\\n"), "each problem on a log line of its own");
            assertEquals(List.of("a", "b", "c"), listed(app), "the running configuration stays");

            Files.delete(broken);
            HttpResponse<String> accepted = app.post("/api/config/reload");
            assertEquals(200, accepted.statusCode(), accepted.body());
            assertTrue(LiveSwapdeck.JSON.readTree(accepted.body()).path("warnings").isArray(), accepted.body());
        }
    }

    private static List<String> listed(SwapdeckJvm app) {
        try {
            List<String> ids = new ArrayList<>();
            LiveSwapdeck.JSON.readTree(app.get("/v1/models").body()).path("data").forEach(m -> ids.add(m.path("id").asText()));
            return ids;
        } catch (Exception e) {
            return List.of();
        }
    }

    private static long runningPid(SwapdeckJvm app, String model) throws Exception {
        for (JsonNode entry : LiveSwapdeck.JSON.readTree(app.get("/running").body()).path("running")) {
            if (entry.path("model").asText().equals(model)) {
                return entry.path("pid").asLong();
            }
        }
        throw new AssertionError(model + " is not running");
    }
}
