package dev.swapdeck.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * The baseline for readiness detection: the best a client could do without Swapdeck. It launches the
 * gated upstream itself, polls {@code /health} every millisecond and sends the request over a fresh
 * connection the moment it answers 200.
 */
final class DirectColdStart {
    private final HttpClient probes = newClient();
    private final HttpClient requests = newClient();

    /**
     * Milliseconds from the healthy moment to the request's arrival at the upstream. {@code openGate}
     * sets the healthy moment (epoch micros) once the upstream has been launched.
     */
    double forwardedAfterHealthy(List<String> command, int port, LongSupplier openGate) {
        CompletableFuture<Long> arrived = new CompletableFuture<>();
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long healthyAt = openGate.getAsLong();
        Thread reader = new Thread(() -> readArrival(process, arrived), "direct-cold-start-output");
        reader.setDaemon(true);
        reader.start();
        try {
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
            while (!healthy(health)) {
                Thread.sleep(1);
            }
            HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + Bench.SLOW + "\"}")).build();
            requests.send(post, HttpResponse.BodyHandlers.discarding());
            return (arrived.join() - healthyAt) / 1000.0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            BenchEnv.stop(process);
        }
    }

    private boolean healthy(HttpRequest health) throws InterruptedException {
        try {
            return probes.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static void readArrival(Process process, CompletableFuture<Long> arrived) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith(GatedUpstream.REQUEST_LINE)) {
                    arrived.complete(Long.parseLong(line.substring(GatedUpstream.REQUEST_LINE.length())));
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
    }
}
