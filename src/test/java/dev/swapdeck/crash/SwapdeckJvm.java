package dev.swapdeck.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.Main;
import dev.swapdeck.config.CommandLine;
import dev.swapdeck.state.StateFolder;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.DemoUpstreamCommand;
import dev.swapdeck.testing.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Swapdeck as a desktop launches it, in a JVM of its own ({@code Main --headless}), with its state
 * folder in the test's directory and its console in a file there. Closing kills whatever is left.
 */
final class SwapdeckJvm implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    final Process process;
    final int port = FreePorts.loopback();
    private final Path log;

    private SwapdeckJvm(Path dir, Path config, Path state) throws IOException {
        log = dir.resolve("swapdeck-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(DemoUpstreamCommand.java(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "--headless",
                "--config", config.toString(), "--listen", "127.0.0.1:" + port))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put(StateFolder.ENV_VARIABLE, state.toString());
        process = builder.start();
    }

    /** Starts one over {@code yaml} and waits until it answers. */
    static SwapdeckJvm start(Path dir, String yaml, Path state) throws Exception {
        Path config = Files.writeString(dir.resolve("config-" + System.nanoTime() + ".yaml"), yaml);
        SwapdeckJvm app = new SwapdeckJvm(dir, config, state);
        Await.until(app::output, Duration.ofSeconds(30), () -> !app.process.isAlive() || app.healthy());
        assertTrue(app.process.isAlive(), app.output());
        return app;
    }

    /** A model entry running the demo upstream as {@code id} on {@code port}, optionally inside {@code sh -c}. */
    static String demoModel(String id, int port, boolean wrappedInShell) {
        List<String> argv = DemoUpstreamCommand.argv("--port", Integer.toString(port), "--model", id);
        String cmd = wrappedInShell
                ? "sh -c " + CommandLine.quote(DemoUpstreamCommand.shellLine("--port", Integer.toString(port),
                        "--model", id) + " & wait")
                : argv.stream().map(CommandLine::quote).collect(Collectors.joining(" "));
        return "  " + id + ":\n    proxy: http://127.0.0.1:" + port + "\n    cmd: |\n      " + cmd + "\n";
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

    void load(String model) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/models/load/" + model))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body() + "\n" + output());
    }

    /** The pid {@code /api/models} reports for {@code model}. */
    long pidOf(String model) throws Exception {
        for (var entry : new com.fasterxml.jackson.databind.ObjectMapper().readTree(get("/api/models").body())
                .path("models")) {
            if (entry.path("id").asText().equals(model)) {
                return entry.path("pid").asLong();
            }
        }
        throw new AssertionError("no model " + model + " in /api/models");
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
