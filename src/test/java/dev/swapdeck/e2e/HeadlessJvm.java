package dev.swapdeck.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.Main;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.DemoUpstreamCommand;
import dev.swapdeck.testing.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Swapdeck launched as a user would, {@code --headless} in a JVM of its own, with the given options. */
final class HeadlessJvm implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final Process process;
    private final Path log;
    private final int port;

    private HeadlessJvm(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static HeadlessJvm start(Path dir, String... options) throws Exception {
        return startUnder(List.of(), dir, options);
    }

    /** Starts it through {@code launcher} (e.g. {@code nohup}), which must exec the JVM in its place. */
    static HeadlessJvm startUnder(List<String> launcher, Path dir, String... options) throws Exception {
        int port = FreePorts.loopback();
        Path log = dir.resolve("swapdeck.log");
        List<String> argv = new ArrayList<>(launcher);
        argv.addAll(List.of(DemoUpstreamCommand.java(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--headless", "--listen", "127.0.0.1:" + port));
        argv.addAll(List.of(options));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HeadlessJvm app = new HeadlessJvm(process, log, port);
        Await.until(app::output, Duration.ofSeconds(30), () -> !process.isAlive() || app.healthy());
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

    HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a signal by name (e.g. {@code HUP}) to the Swapdeck JVM. */
    void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertTrue(kill.waitFor() == 0, "kill -" + name + " failed");
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
