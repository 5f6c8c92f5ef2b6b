package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.activity.ActivityRecord;
import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.logging.LogLine;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.RawUpstream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * An answer the upstream ends early reaches the client as a cut, never as a clean end, and its record
 * says why: Swapdeck stopped the model, or the model's server broke off.
 */
class CutAnswersTest {
    private static final Duration SOON = Duration.ofSeconds(20);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Neither length nor chunks: the upstream's close is the end, unless Swapdeck stopped its model. */
    @Test
    void aCloseDelimitedAnswerCutByAStopIsACutNotAnEnd() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        try (RawUpstream upstream = new RawUpstream((head, out) -> {
                 out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\ndata: one\n\n")
                         .getBytes(StandardCharsets.ISO_8859_1));
                 out.flush();
                 stop.await();
             });
             OneModelProxy proxy = new OneModelProxy(upstream.port(), "{}")) {
            HttpResponse<InputStream> response = client.send(streamRequest(proxy), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                assertEquals(200, response.statusCode());
                assertTrue(body.read() >= 0, "the first event came");
                proxy.engine.upstreams.lastLease().stopReason = Optional.of("unloaded");
                stop.countDown();
                assertThrows(IOException.class, body::readAllBytes, "the client sees the cut");
            }
            ActivityRecord record = awaitRecord(proxy);
            assertEquals(Optional.of("the answer was cut: m was stopped (unloaded)"), record.interruption());
        }
    }

    /** The proxy log names the cause of a cut at a level one sees by default; never "the client left". */
    @Test
    void aCutIsLoggedWithItsCauseNotAsTheClientLeaving() throws Exception {
        try (RawUpstream upstream = new RawUpstream((head, out) -> {
                 out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"cut\":")
                         .getBytes(StandardCharsets.ISO_8859_1));
             });
             OneModelProxy proxy = new OneModelProxy(upstream.port(), "{}")) {
            proxy.engine.logs.setThreshold(LogLevel.INFO);
            assertThrows(IOException.class, () -> client.send(streamRequest(proxy), HttpResponse.BodyHandlers.ofString()));
            Await.until("a record", SOON, () -> proxy.engine.activity.recent().size() == 1);
            proxy.engine.upstreams.stopReason = Optional.of("unloaded");
            assertThrows(IOException.class, () -> client.send(streamRequest(proxy), HttpResponse.BodyHandlers.ofString()));
            Await.until("two records", SOON, () -> proxy.engine.activity.recent().size() == 2);

            List<LogLine> lines = proxy.engine.logs.proxyHistory();
            assertEquals(List.of(
                    "WARN POST /v1/chat/completions: the model's server broke off its answer",
                    "INFO POST /v1/chat/completions: the answer was cut: m was stopped (unloaded)"),
                    lines.stream().filter(line -> line.text().startsWith("POST"))
                            .map(line -> line.level() + " " + line.text()).toList());
        }
    }

    /**
     * The OpenAI SDKs close the connection as soon as they have read {@code data: [DONE]}, often before
     * the response's final chunk: the answer was whole, not cut, and neither its record nor the
     * interrupted count may say otherwise. A client that leaves before {@code [DONE]} still cut it.
     */
    @Test
    void aClientThatHangsUpRightAfterTheLastEventHadTheWholeAnswer() throws Exception {
        CountDownLatch hungUp = new CountDownLatch(1);
        try (RawUpstream upstream = new RawUpstream((head, out) -> {
                 out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                         + chunk("data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n")
                         + (head.contains("X-Last: true") ? chunk("data: [DONE]\n\n") : "")).getBytes(StandardCharsets.ISO_8859_1));
                 out.flush();
                 hungUp.await();
                 Thread.sleep(200); // the final chunk comes after the client has gone
                 out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
             });
             OneModelProxy proxy = new OneModelProxy(upstream.port(), "{}")) {
            for (boolean last : new boolean[] {true, false}) {
                String body = "{\"model\":\"m\",\"stream\":true}";
                try (java.net.Socket socket = new java.net.Socket("127.0.0.1", proxy.port())) {
                    socket.setSoTimeout(20_000);
                    socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Last: " + last
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                            .getBytes(StandardCharsets.ISO_8859_1));
                    String awaited = last ? "[DONE]" : "Hi";
                    StringBuilder seen = new StringBuilder();
                    InputStream in = socket.getInputStream();
                    while (!seen.toString().contains(awaited)) {
                        int b = in.read();
                        assertTrue(b >= 0, "the stream ended early: " + seen);
                        seen.append((char) b);
                    }
                }
                hungUp.countDown();
                Await.until("the record", SOON, () -> proxy.engine.activity.recent().size() == (last ? 1 : 2));
            }
            List<ActivityRecord> records = proxy.engine.activity.recent();
            assertEquals(Optional.empty(), records.get(0).interruption(), "whole: the client read [DONE]");
            assertEquals(Optional.of("the client left before the answer ended"), records.get(1).interruption());
        }
    }

    /**
     * llama-server reports an error after its stream began as an {@code error:} field, then ends the
     * stream as a whole one, with {@code [DONE]}: the client got a 200 and no answer past the error, so
     * the record says the answer ended there, with the server's message, and counts as failed.
     */
    @Test
    void anErrorTheServerReportsInsideItsStreamEndsTheAnswer() throws Exception {
        try (RawUpstream upstream = new RawUpstream((head, out) -> {
                 out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                         + chunk("data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n")
                         + chunk("error: {\"code\":500,\"message\":\"Input prompt is too big\",\"type\":\"server_error\"}\n\n")
                         + chunk("data: [DONE]\n\n") + "0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
             });
             OneModelProxy proxy = new OneModelProxy(upstream.port(), "{}")) {
            HttpResponse<String> response = client.send(streamRequest(proxy), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertTrue(response.body().endsWith("data: [DONE]\n\n"), "forwarded as it came: " + response.body());
            ActivityRecord record = awaitRecord(proxy);
            assertEquals(Optional.of("the upstream reported an error: Input prompt is too big"), record.interruption());
            assertTrue(record.failed());
        }
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
    }

    private static HttpRequest streamRequest(OneModelProxy proxy) {
        return HttpRequest.newBuilder(proxy.base().resolve("/v1/chat/completions")).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"stream\":true}")).build();
    }

    private static ActivityRecord awaitRecord(OneModelProxy proxy) {
        Await.until("the request's record", SOON, () -> proxy.engine.activity.recent().size() == 1);
        return proxy.engine.activity.recent().get(0);
    }
}
