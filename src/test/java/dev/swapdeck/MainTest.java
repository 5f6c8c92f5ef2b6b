package dev.swapdeck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swapdeck.config.CommandLine;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.DemoUpstreamCommand;
import dev.swapdeck.testing.FreePorts;
import dev.swapdeck.testing.ProcessAssertions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes, messages, and a real headless run. */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        Main main = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("HOME", "/nonexistent"));
        return main.run(args);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unknownOptionExitsWithUsageError() {
        assertEquals(2, run("--frobnicate"));
        assertTrue(stderr().contains("--frobnicate"), stderr());
        assertTrue(stderr().contains("--listen"), "the usage is shown: " + stderr());
    }

    @Test
    void badListenAddressExitsWithUsageError() {
        assertEquals(2, run("--listen", "localhost:http"));
        assertTrue(stderr().contains("localhost:http"), stderr());
    }

    @Test
    void missingConfigFileExitsWithUsageErrorNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertEquals(2, run("-config", missing.toString()));
        assertTrue(stderr().contains("nope.yaml"), stderr());
    }

    @Test
    void invalidConfigExitsWithEveryProblemLocated(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), "models:\n  a:\n    cmd: x\n    ttl: ten\n");
        assertEquals(2, run("--config", file.toString()));
        assertTrue(stderr().contains("bad.yaml:4:10: models.a.ttl"), stderr());
    }

    @Test
    void versionIsPrinted() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("swapdeck "));
    }

    @Test
    void busyListenAddressExitsWithCode3NamingIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("ok.yaml"), "models:\n  a:\n    cmd: /bin/true\n    proxy: http://127.0.0.1:9\n");
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + busy.getLocalPort();
            assertEquals(3, run("--headless", "--config", file.toString(), "--listen", address));
            assertTrue(stderr().contains(address), stderr());
        }
    }

    @Test
    void headlessRunStopsEveryChildOnSigtermAndExitsZero(@TempDir Path dir) throws Exception {
        try (HeadlessSwapdeck app = HeadlessSwapdeck.start(dir)) {
            app.post("/api/models/load/a");
            long child = app.childPid();
            app.process.toHandle().destroy();
            assertTrue(app.process.waitFor(15, TimeUnit.SECONDS), "shutdown is bounded");
            assertEquals(0, app.process.exitValue(), app.output());
            ProcessAssertions.assertGone(child, Duration.ofSeconds(5));
        }
    }

    @Test
    void shutdownThroughTheApiExitsZero(@TempDir Path dir) throws Exception {
        try (HeadlessSwapdeck app = HeadlessSwapdeck.start(dir)) {
            app.post("/api/models/load/a");
            long child = app.childPid();
            app.post("/api/shutdown");
            assertTrue(app.process.waitFor(15, TimeUnit.SECONDS), "shutdown is bounded");
            assertEquals(0, app.process.exitValue(), app.output());
            ProcessAssertions.assertGone(child, Duration.ofSeconds(5));
        }
    }

    /** Swapdeck launched as a user would, in a JVM of its own, with one demo model. */
    private static final class HeadlessSwapdeck implements AutoCloseable {
        private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        final Process process;
        final Path log;
        final int port;

        private HeadlessSwapdeck(Process process, Path log, int port) {
            this.process = process;
            this.log = log;
            this.port = port;
        }

        static HeadlessSwapdeck start(Path dir) throws Exception {
            String cmd = DemoUpstreamCommand.argv("--port", "${PORT}", "--model", "a").stream()
                    .map(arg -> arg.equals("${PORT}") ? arg : CommandLine.quote(arg))
                    .collect(Collectors.joining(" "));
            int modelPort = FreePorts.loopback();
            Path config = Files.writeString(dir.resolve("config.yaml"),
                    "startPort: " + modelPort + "\nmodels:\n  a:\n    cmd: |\n      " + cmd + "\n");
            int port = FreePorts.loopback();
            Path log = dir.resolve("swapdeck.log");
            Process process = new ProcessBuilder(List.of(DemoUpstreamCommand.java(), "-cp",
                    System.getProperty("java.class.path"), Main.class.getName(), "--headless",
                    "--config", config.toString(), "--listen", "127.0.0.1:" + port))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            HeadlessSwapdeck app = new HeadlessSwapdeck(process, log, port);
            Await.until(app::output, Duration.ofSeconds(20), () -> !process.isAlive() || app.healthy());
            assertTrue(process.isAlive(), app.output());
            return app;
        }

        boolean healthy() {
            try {
                return get("/health").statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        }

        HttpResponse<String> get(String path) throws Exception {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        void post(String path) throws Exception {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
        }

        /** The model's server, as Swapdeck reports it (its children also include the watchdog). */
        long childPid() throws Exception {
            return new ObjectMapper().readTree(get("/running").body()).path("running").get(0).path("pid").asLong();
        }

        String output() {
            try {
                return Files.readString(log);
            } catch (Exception e) {
                return e.toString();
            }
        }

        @Override
        public void close() {
            process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
