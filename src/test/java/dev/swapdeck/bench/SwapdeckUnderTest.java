package dev.swapdeck.bench;

import dev.swapdeck.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Swapdeck as users run it, in its own JVM: as the README runs it ({@code java
 * -XX:SharedArchiveFile=target/swapdeck.jsa -jar target/swapdeck.jar}) with {@code --headless --config
 * <yaml> --listen 127.0.0.1:<port>}, so its threads and memory are measured apart from the benchmark's. Its console
 * goes to a file in the scratch directory. Closing sends SIGTERM (a clean shutdown) and waits.
 */
final class SwapdeckUnderTest implements AutoCloseable {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    final int port = FreePorts.loopback();
    final Process process;

    SwapdeckUnderTest(BenchEnv env, String name, ConfigYaml config) {
        this(env, name, config, List.of());
    }

    /** With extra JVM flags, e.g. {@code -Dswapdeck.upstream.reuse=fresh}. */
    SwapdeckUnderTest(BenchEnv env, String name, ConfigYaml config, List<String> jvmFlags) {
        Path yaml = config.write(env.scratch.resolve(name + ".yaml"), Map.of("healthCheckTimeout", "30"));
        List<String> flags = new java.util.ArrayList<>(BenchEnv.SWAPDECK_JVM);
        flags.addAll(jvmFlags);
        List<String> argv = env.swapdeckCommand(flags, List.of(
                "--headless", "--config", yaml.toString(), "--listen", "127.0.0.1:" + port));
        try {
            process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(env.scratch.resolve(name + ".log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitHealthy(Duration.ofSeconds(20));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    long pid() {
        return process.pid();
    }

    /** POST with an empty body; returns the status. Blocks until answered (a load waits for ready). */
    int post(String path) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode();
    }

    /** Loads {@code model} (blocking until ready) and fails loudly if it did not become ready. */
    void load(String model) {
        int status = post("/api/models/load/" + model);
        if (status != 200) {
            throw new IllegalStateException("loading " + model + " answered " + status);
        }
    }

    void unload(String model) {
        post("/api/models/unload/" + model);
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Swapdeck exited with " + process.exitValue());
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(uri("/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(20);
        }
        throw new IllegalStateException("Swapdeck did not answer /health within " + timeout);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.toHandle().destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
