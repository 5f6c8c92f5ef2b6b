package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.activity.ActivityRecord;
import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.logging.LogLine;
import dev.swapdeck.testing.Await;
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

    private static HttpRequest streamRequest(OneModelProxy proxy) {
        return HttpRequest.newBuilder(proxy.base().resolve("/v1/chat/completions")).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"stream\":true}")).build();
    }

    private static ActivityRecord awaitRecord(OneModelProxy proxy) {
        Await.until("the request's record", SOON, () -> proxy.engine.activity.recent().size() == 1);
        return proxy.engine.activity.recent().get(0);
    }
}
