package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.activity.ActivityLog;
import dev.swapdeck.activity.ActivityRecord;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.routing.Route;
import dev.swapdeck.testing.Await;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The recorder never holds a chunk back: the same stream, served by the same Undertow handler with
 * and without {@link ActivityTap}, reaches the client as fast (compared in one run, as a ratio of
 * median chunk delays, so a loaded machine slows both alike).
 */
class ActivityTapStreamingTest {
    private static final int CHUNKS = 40;
    private static final long PACE_MILLIS = 5;

    @Test
    void chunksArriveAsFastWithTheRecorderAsWithout() throws Exception {
        ActivityLog log = new ActivityLog(new EventBus(), 10);
        Route route = new Route("m", ProxyTestModels.model("m", URI.create("http://127.0.0.1:1")), Optional.empty());
        HttpHandler stream = new BlockingHandler(ActivityTapStreamingTest::stream);
        HttpHandler tapped = exchange -> {
            ActivityTap.install(exchange, log, null, route);
            stream.handleRequest(exchange);
        };
        Undertow plainServer = start(stream);
        Undertow tappedServer = start(tapped);
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<Long> plain = new ArrayList<>();
            List<Long> recorded = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                plain.addAll(delays(client, plainServer));
                recorded.addAll(delays(client, tappedServer));
            }
            long plainMedian = median(plain);
            long recordedMedian = median(recorded);
            assertTrue(recordedMedian <= 2 * plainMedian + 1_000_000,
                    "median chunk delay with the recorder " + recordedMedian / 1000 + " us, without "
                            + plainMedian / 1000 + " us");
            Await.until("three records", Duration.ofSeconds(10), () -> log.recent().size() == 3);
            ActivityRecord record = log.recent().get(0);
            assertEquals(CHUNKS, record.generatedTokens().getAsInt(), "counted from the last chunk's usage");
            assertTrue(record.stream());
            double speed = record.tokensPerSecond().orElseThrow();
            assertTrue(speed > 10 && speed < 1000.0 / PACE_MILLIS * 1.05, "about 200 tokens/s at most: " + speed);
        } finally {
            plainServer.stop();
            tappedServer.stop();
        }
    }

    /** An SSE stream of chunks stamped with the time they were written, flushed one by one. */
    private static void stream(HttpServerExchange exchange) throws Exception {
        exchange.getResponseHeaders().put(io.undertow.util.Headers.CONTENT_TYPE, "text/event-stream");
        OutputStream out = exchange.getOutputStream();
        for (int i = 0; i < CHUNKS; i++) {
            String usage = i == CHUNKS - 1 ? ",\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":" + CHUNKS + "}" : "";
            out.write(("data: {\"sent\":" + System.nanoTime() + ",\"choices\":[{\"delta\":{\"content\":\"t" + i
                    + "\"}}]" + usage + "}\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(PACE_MILLIS);
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.close();
    }

    /** Arrival minus write time of every chunk of one stream, in nanoseconds. */
    private static List<Long> delays(HttpClient client, Undertow server) throws Exception {
        int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/")).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        List<Long> delays = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                long now = System.nanoTime();
                if (line.startsWith("data: {")) {
                    Map<?, ?> chunk = ProxyFixture.JSON.readValue(line.substring(6), Map.class);
                    delays.add(now - ((Number) chunk.get("sent")).longValue());
                }
            }
        }
        assertEquals(CHUNKS, delays.size());
        return delays;
    }

    private static Undertow start(HttpHandler handler) {
        Undertow server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(handler).build();
        server.start();
        return server;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
