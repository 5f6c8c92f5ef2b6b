package dev.swapdeck.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swapdeck.Main;
import dev.swapdeck.process.TerminalSignals;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Swapdeck launched as a user would, {@code Main --headless} in a JVM of its own, listening on a free
 * loopback port, with its console in {@code swapdeck-<port>.log} in the test's directory. {@link #in}
 * gives the options; {@link Launch#start()} returns once it answers {@code /health} and fails the test
 * if it exited first. Closing kills it and whatever it left running.
 */
public final class SwapdeckJvm implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Duration STARTUP = Duration.ofSeconds(30);

    public final Process process;
    public final int port;
    private final Path log;

    private SwapdeckJvm(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Options for a Swapdeck whose files go in {@code dir}. */
    public static Launch in(Path dir) {
        return new Launch(dir);
    }

    /** What to launch: everything is optional; by default {@code --headless --listen 127.0.0.1:<port>}. */
    public static final class Launch {
        private final Path dir;
        private final int port = FreePorts.loopback();
        private final List<String> launcher = new ArrayList<>();
        private final List<String> jvmFlags = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new HashMap<>();
        private String listenHost = "127.0.0.1";

        private Launch(Path dir) {
            this.dir = dir;
        }

        /** Writes {@code yaml} to a file of its own in the directory and passes it as {@code --config}. */
        public Launch config(String yaml) throws Exception {
            Path file = Files.writeString(dir.resolve("config-" + port + ".yaml"), yaml);
            return args("--config", file.toString());
        }

        /** More command-line arguments for Swapdeck. */
        public Launch args(String... more) {
            args.addAll(List.of(more));
            return this;
        }

        /** Flags for the JVM itself (e.g. {@code -Xmx}). */
        public Launch jvmFlags(String... flags) {
            jvmFlags.addAll(List.of(flags));
            return this;
        }

        public Launch env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** Starts it through {@code command} (e.g. {@code nohup}), which must exec the JVM in its place. */
        public Launch under(String... command) {
            launcher.addAll(List.of(command));
            return this;
        }

        /** Listens on {@code host:<port>} ({@code ""} for every interface); health is still asked on loopback. */
        public Launch listenHost(String host) {
            listenHost = host;
            return this;
        }

        public SwapdeckJvm start() throws Exception {
            SwapdeckJvm app = spawn();
            Await.until(app::output, STARTUP, () -> !app.process.isAlive() || app.healthy());
            assertTrue(app.process.isAlive(), app.output());
            return app;
        }

        /** Starts it without waiting for it to listen. */
        public SwapdeckJvm spawn() throws Exception {
            Path log = dir.resolve("swapdeck-" + port + ".log");
            List<String> argv = new ArrayList<>(TerminalSignals.resetPrefix());
            argv.addAll(launcher);
            argv.add(DemoUpstreamCommand.java());
            argv.addAll(jvmFlags);
            argv.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "--headless",
                    "--listen", listenHost + ":" + port));
            argv.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            return new SwapdeckJvm(builder.start(), port, log);
        }
    }

    public boolean healthy() {
        try {
            return get("/health").statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    public HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Loads {@code model} through the control API, failing the test unless it answers 200. */
    public void load(String model) throws Exception {
        HttpResponse<String> response = post("/api/models/load/" + model);
        assertEquals(200, response.statusCode(), response.body() + "\n" + output());
    }

    /** The pid {@code /api/models} reports for {@code model}. */
    public long pidOf(String model) throws Exception {
        for (JsonNode entry : new ObjectMapper().readTree(get("/api/models").body()).path("models")) {
            if (entry.path("id").asText().equals(model)) {
                return entry.path("pid").asLong();
            }
        }
        throw new AssertionError("no model " + model + " in /api/models");
    }

    /** Sends a signal by name (e.g. {@code HUP}) to the Swapdeck JVM. */
    public void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertTrue(kill.waitFor() == 0, "kill -" + name + " failed");
    }

    /** Everything it has written to its console so far. */
    public String output() {
        try {
            return Files.readString(log);
        } catch (Exception e) {
            return e.toString();
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
