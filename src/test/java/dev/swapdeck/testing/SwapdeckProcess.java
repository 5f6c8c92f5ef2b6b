package dev.swapdeck.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.Main;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Swapdeck started as a user would, headless in a JVM of its own, with chosen JVM flags and environment. */
public final class SwapdeckProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    public final Process process;
    private final Path log;

    private SwapdeckProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code Main --headless --config <yaml> <args>} and returns once it exits or answers /health on {@code port}. */
    public static SwapdeckProcess start(Path dir, String yaml, List<String> jvmFlags, Map<String, String> env, int port,
                                 String... args) throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"), yaml);
        Path log = dir.resolve("swapdeck.log");
        List<String> command = new ArrayList<>(List.of(DemoUpstreamCommand.java()));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "--headless",
                "--config", config.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        SwapdeckProcess app = new SwapdeckProcess(builder.start(), log);
        Await.until(app::output, Duration.ofSeconds(30), () -> !app.process.isAlive() || app.healthy(port));
        return app;
    }

    public boolean healthy(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    public void assertAlive() {
        assertTrue(process.isAlive(), output());
    }

    public String output() {
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
