package dev.swapdeck.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.engine.EngineHarness;
import dev.swapdeck.proxy.ProxyServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Swapdeck as a client sees it: the real engine and child processes behind the real HTTP server on
 * an ephemeral loopback port, spoken to with the JDK's HTTP client.
 */
final class LiveSwapdeck implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    final EngineHarness core;
    final ProxyServer server;
    final URI base;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** A streamed answer: the {@code data:} payloads in order, with their arrival times. */
    record Stream(int status, HttpHeaders headers, List<String> events, List<Long> arrivalNanos, long endNanos) {
        boolean finished() {
            return !events.isEmpty() && events.get(events.size() - 1).equals("[DONE]");
        }

        int chunks() {
            return (int) events.stream().filter(e -> e.startsWith("{")).count();
        }
    }

    LiveSwapdeck(SwapdeckConfig config) {
        this(new EngineHarness(config));
    }

    LiveSwapdeck(EngineHarness core) {
        this.core = core;
        server = new ProxyServer(core.engine);
        base = URI.create("http://127.0.0.1:" + server.start("127.0.0.1", 0).getPort());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET path}, parsed as JSON. */
    JsonNode getJson(String path) throws Exception {
        return JSON.readTree(get(path).body());
    }

    HttpRequest chatRequest(String model, String extraJson) {
        String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"
                + (extraJson.isEmpty() ? "" : "," + extraJson) + "}";
        return HttpRequest.newBuilder(base.resolve("/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    HttpResponse<String> chat(String model, String extraJson) throws Exception {
        return client.send(chatRequest(model, extraJson), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> chatAsync(String model, String extraJson) {
        return client.sendAsync(chatRequest(model, extraJson), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Follows the endless event stream at {@code path}: its lines are added to the returned list as
     * they arrive, read on a daemon thread of its own until the server closes the stream. Reading it
     * in a {@code thenAccept} of {@code sendAsync} runs on the caller's thread when the response
     * head is there first, and the test then reads the stream for ever (seen once in a full run).
     */
    List<String> follow(String path) {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).GET().build();
        Thread reader = new Thread(() -> {
            try {
                client.send(request, HttpResponse.BodyHandlers.ofLines()).body().forEach(lines::add);
            } catch (IOException | UncheckedIOException e) {
                // the stream ended with the server
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "follow " + path);
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /** Which model's server answered a non-streamed completion. */
    static String servedBy(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("served_by").asText();
    }

    static JsonNode error(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("error");
    }

    /** Streams {@code chunks} tokens paced {@code delayMs} apart, calling {@code onFirst} after the first. */
    Stream stream(String model, int chunks, int delayMs, Runnable onFirst) throws Exception {
        HttpResponse<InputStream> response = client.send(chatRequest(model,
                "\"stream\":true,\"max_tokens\":" + chunks + ",\"demo_delay_ms\":" + delayMs),
                HttpResponse.BodyHandlers.ofInputStream());
        List<String> events = new ArrayList<>();
        List<Long> arrivals = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("data: ")) {
                    events.add(line.substring(6));
                    arrivals.add(System.nanoTime());
                    if (events.size() == 1) {
                        onFirst.run();
                    }
                }
            }
        }
        return new Stream(response.statusCode(), response.headers(), events, arrivals, System.nanoTime());
    }

    @Override
    public void close() throws Exception {
        server.stop();
        core.close();
    }
}
