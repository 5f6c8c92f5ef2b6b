package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.process.ProcessState;
import dev.swapdeck.process.StateChanged;
import dev.swapdeck.routing.InFlightChanged;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogStreamTest {
    private ProxyFixture proxy;

    @BeforeEach
    void start() throws Exception {
        proxy = new ProxyFixture(ProxyOptions.defaults().withKeepAliveInterval(Duration.ofMillis(200)));
        proxy.engine.logs.info("proxy history line");
        proxy.engine.logs.upstream("alpha", "alpha history line");
        proxy.engine.logs.upstream("beta", "beta history line");
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    /** Reads lines of a streaming response on a helper thread, so the test can wait with a timeout. */
    private static final class Reader implements AutoCloseable {
        final BlockingQueue<String> lines = new ArrayBlockingQueue<>(10_000);
        final InputStream body;

        Reader(HttpResponse<InputStream> response) {
            body = response.body();
            Thread thread = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                    lines.add("<ended>");
                } catch (Exception e) {
                    lines.add("<closed>");
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        String awaitLineContaining(String text) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && line.contains(text)) {
                    return line;
                }
            }
            throw new AssertionError("no line containing '" + text + "'");
        }

        /** Every line up to and with the first containing {@code last} (at most 10 s). */
        String everythingUntil(String last) throws InterruptedException {
            StringBuilder all = new StringBuilder();
            for (String line = ""; !line.contains(last); ) {
                line = awaitLineContaining("");
                all.append(line).append('\n');
            }
            return all.toString();
        }

        String everythingFor(long millis) throws InterruptedException {
            StringBuilder all = new StringBuilder();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(20, TimeUnit.MILLISECONDS);
                if (line != null) {
                    all.append(line).append('\n');
                }
            }
            return all.toString();
        }

        @Override
        public void close() throws Exception {
            body.close();
        }
    }

    private Reader open(String path) throws Exception {
        HttpResponse<InputStream> response = proxy.client.send(
                HttpRequest.newBuilder(proxy.base.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertEquals("no", response.headers().firstValue("X-Accel-Buffering").orElse(""),
                "a live stream is never buffered by a proxy in front");
        return new Reader(response);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void logsShowsBothHistories() throws Exception {
        HttpResponse<String> response = proxy.get("/logs");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("[INFO] proxy history line"));
        assertTrue(response.body().contains("alpha history line\n"));
        assertTrue(response.body().indexOf("proxy history line") < response.body().indexOf("alpha history line"));
    }

    @Test
    void streamSendsHistoryThenLiveLines() throws Exception {
        try (Reader reader = open("/logs/stream")) {
            reader.awaitLineContaining("proxy history line");
            reader.awaitLineContaining("beta history line");
            proxy.engine.logs.upstream("alpha", "live upstream line");
            proxy.engine.logs.warn("live proxy line");
            reader.awaitLineContaining("live upstream line");
            assertTrue(reader.awaitLineContaining("live proxy line").contains("[WARN]"));
        }
    }

    /** A shutdown ends each stream as a whole response: the client does not see a broken transfer. */
    @Test
    void theStreamsEndWhenTheServerStops() throws Exception {
        try (Reader logs = open("/logs/stream"); Reader events = open("/api/events")) {
            logs.awaitLineContaining("beta history line");
            proxy.engine.logs.warn("said before the stop");
            logs.awaitLineContaining("said before the stop");
            events.awaitLineContaining("said before the stop");
            proxy.server.stop();
            assertEquals("<ended>", logs.awaitLineContaining("<"));
            assertEquals("<ended>", events.awaitLineContaining("<"));
        }
    }

    /** What was published before the stop reaches every stream before its end (the last state changes of a shutdown). */
    @Test
    void whatCameJustBeforeTheStopIsSentBeforeTheEnd() throws Exception {
        try (Reader logs = open("/logs/stream"); Reader events = open("/api/events")) {
            proxy.engine.logs.warn("both streams under way");
            logs.awaitLineContaining("both streams under way");
            events.awaitLineContaining("both streams under way");
            proxy.engine.logs.warn("the last word");
            proxy.server.stop();
            String logsToTheEnd = logs.everythingUntil("<");
            assertTrue(logsToTheEnd.endsWith("<ended>\n") && logsToTheEnd.contains("the last word"), logsToTheEnd);
            String eventsToTheEnd = events.everythingUntil("<");
            assertTrue(eventsToTheEnd.endsWith("<ended>\n") && eventsToTheEnd.contains("the last word"), eventsToTheEnd);
        }
    }

    /** Events a stream does not show, queued in thousands ahead of the last one it does, do not cut it off at the stop. */
    @Test
    void theLastStateChangeBehindThousandsOfUnshownEventsIsSentBeforeTheEnd() throws Exception {
        try (Reader models = open("/models/sse")) {
            models.awaitLineContaining("connected");
            for (int i = 0; i < 4_000; i++) {
                proxy.engine.events().publish(new InFlightChanged("alpha", 0, Instant.now()));
            }
            proxy.engine.events().publish(new StateChanged("alpha", ProcessState.STOPPED, ProcessState.STARTING,
                    Instant.now(), "a request"));
            proxy.server.stop();
            String toTheEnd = models.everythingUntil("<");
            assertTrue(toTheEnd.endsWith("<ended>\n") && toTheEnd.contains("\"model\":\"alpha\""), toTheEnd);
        }
    }

    @Test
    void noHistorySkipsTheHistory() throws Exception {
        try (Reader reader = open("/logs/stream/upstream?no-history")) {
            proxy.engine.logs.upstream("alpha", "fresh line");
            String seen = reader.awaitLineContaining("fresh line");
            assertEquals("fresh line", seen);
            assertFalse(reader.everythingFor(100).contains("history"));
        }
    }

    @Test
    void streamsKeepProxyUpstreamAndEachModelApart() throws Exception {
        try (Reader proxyOnly = open("/logs/stream/proxy");
             Reader upstreamOnly = open("/logs/stream/upstream");
             Reader alphaOnly = open("/logs/stream/a1")) {
            proxy.engine.logs.info("P1");
            proxy.engine.logs.upstream("beta", "B1");
            proxy.engine.logs.upstream("alpha", "A1");
            proxy.engine.logs.info("LAST-LINE");
            proxy.engine.logs.upstream("alpha", "LAST-LINE");

            String p = proxyOnly.everythingUntil("LAST-LINE");
            String u = upstreamOnly.everythingUntil("LAST-LINE");
            String a = alphaOnly.everythingUntil("LAST-LINE");
            assertTrue(p.contains("proxy history line") && p.contains("P1") && !p.contains("B1") && !p.contains("A1"), p);
            assertTrue(u.contains("B1") && u.contains("A1") && !u.contains("P1") && !u.contains("proxy history"), u);
            assertTrue(a.contains("alpha history line") && a.contains("A1") && !a.contains("B1") && !a.contains("P1"), a);
        }
        HttpResponse<String> unknown = proxy.get("/logs/stream/nope");
        assertEquals(400, unknown.statusCode(), "as llama-swap answers an invalid logger");
        assertTrue(unknown.body().contains("no log named 'nope': use proxy, upstream or a model's id"), unknown.body());
    }

    @Test
    void subscriptionsAreReleasedWhenClientsLeave() throws Exception {
        int before = proxy.engine.bus.subscriberCount();
        Reader logs = open("/logs/stream");
        Reader events = open("/api/events");
        logs.awaitLineContaining("history");
        events.awaitLineContaining("connected");
        assertEquals(before + 2, proxy.engine.bus.subscriberCount());

        logs.close();
        events.close();
        await("subscriptions to close", () -> {
            proxy.engine.logs.debug("nudge");
            return proxy.engine.bus.subscriberCount() == before;
        });
    }

    /**
     * Each stream holds a megabyte or two for a reader that does not read, so together they are bounded
     * too: past {@link FeedRegistry#MAX_OPEN} a new one is refused with a 503 that says what to do, and
     * one that closes gives its place to the next.
     */
    @Test
    void streamsOpenAtOnceAreBoundedAndAClosedOneMakesRoom() throws Exception {
        List<Reader> open = new ArrayList<>();
        try {
            for (int i = 0; i < FeedRegistry.MAX_OPEN; i++) {
                open.add(open(i % 2 == 0 ? "/api/events" : "/logs/stream/proxy?no-history"));
            }
            HttpResponse<InputStream> refused = proxy.client.send(HttpRequest.newBuilder(proxy.base.resolve("/logs/stream"))
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = refused.body()) {
                assertEquals(503, refused.statusCode());
                String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(text.contains("too many log and event streams are open at once (64)"), text);
            }
            assertTrue(refused.headers().firstValue("Retry-After").isPresent());
            int before = proxy.engine.bus.subscriberCount();

            open.remove(0).close();
            await("the closed stream's place", () -> proxy.engine.bus.subscriberCount() == before - 1);
            open.add(open("/api/events"));
        } finally {
            for (Reader reader : open) {
                reader.close();
            }
        }
    }

    @Test
    void eventsArriveAsServerSentEvents() throws Exception {
        try (Reader events = open("/api/events")) {
            events.awaitLineContaining("connected");
            assertEquals("event: models", events.awaitLineContaining("event: "), "the stream starts from the whole picture");
            String picture = events.awaitLineContaining("data:");
            assertTrue(picture.startsWith("data: {\"models\":[{\"id\":"), picture);
            proxy.engine.bus.publish(new StateChanged("alpha", ProcessState.STOPPED, ProcessState.STARTING,
                    Instant.now(), "request"));
            proxy.engine.logs.info("hello events");
            assertEquals("event: state", events.awaitLineContaining("event: state"));
            String data = events.awaitLineContaining("data:");
            assertTrue(data.contains("\"model\":\"alpha\"") && data.contains("\"to\":\"starting\""), data);
            events.awaitLineContaining("event: log");
            assertTrue(events.awaitLineContaining("data:").contains("hello events"));
            events.awaitLineContaining(": keep-alive");
        }
    }

    /**
     * Two models print numbered lines without pause while readers open the upstream stream one after
     * another: each must see every model's numbers run on without a gap from its history into its
     * live lines (a reader too slow is told so, and is left out).
     */
    @Test
    void noLineFallsBetweenAStreamsHistoryAndItsLiveLines() throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Thread> writers = new ArrayList<>();
        for (String model : List.of("alpha", "beta")) {
            Thread writer = new Thread(() -> {
                for (long n = 0; writing.get(); n++) {
                    proxy.engine.logs.upstream(model, model + " " + n);
                    if (n % 50 == 49) {
                        LockSupport.parkNanos(2_000_000);
                    }
                }
            });
            writer.start();
            writers.add(writer);
        }
        int checked = 0;
        try {
            for (int reader = 0; reader < 60; reader++) {
                checked += continuous(open("/logs/stream/upstream")) ? 1 : 0;
            }
        } finally {
            writing.set(false);
            for (Thread writer : writers) {
                writer.join();
            }
        }
        assertTrue(checked >= 30, "too few readers kept up to tell: " + checked);
    }

    /** Reads 600 lines past the history; false if told of dropped lines, fails at a gap. */
    private static boolean continuous(Reader reader) throws Exception {
        try (reader) {
            Map<String, Long> last = new HashMap<>();
            for (int read = 0; read < 5_000 + 600; read++) {
                String line = reader.awaitLineContaining("");
                if (line.contains("lines dropped")) {
                    return false;
                }
                if (!line.matches("(alpha|beta) \\d+")) {
                    continue; // the lines the fixture wrote before
                }
                String[] parts = line.split(" ");
                long n = Long.parseLong(parts[1]);
                Long before = last.put(parts[0], n);
                assertTrue(before == null || n == before + 1, parts[0] + " went from " + before + " to " + n);
            }
            return true;
        }
    }

    /**
     * A reader that does not read holds a megabyte or two of long lines, not thousands of them (the
     * queue and what waits unsent are bounded by bytes): 8 KB lines are dropped after about 1.3 MB
     * plus what the sockets hold, where a bound by count alone held 4,096 queued and 2,000 unsent.
     */
    @Test
    void aSlowReaderOfLongLinesHoldsAFewMegabytesAtMost() throws Exception {
        HttpResponse<InputStream> response = proxy.client.send(
                HttpRequest.newBuilder(proxy.base.resolve("/logs/stream/upstream?no-history")).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        String line = "x".repeat(8_000);
        for (int i = 0; i < 5_000; i++) {
            proxy.engine.logs.upstream("alpha", i + " " + line);
        }
        try (Reader reader = new Reader(response)) {
            int before = reader.everythingUntil("lines dropped").split("\n").length - 1;
            assertTrue(before < 2_000, before + " lines of 8 KB reached a reader that read nothing");
        }
    }

    /**
     * A server floods its output while models change state: a reader of {@code /api/events} that keeps
     * reading misses log lines (and is told so), never a state change, which no later event repeats.
     */
    @Test
    void aFloodOfLogLinesCostsAReaderThatKeepsReadingNoStateChange() throws Exception {
        proxy.close();
        proxy = new ProxyFixture(ProxyOptions.defaults().withStreamQueueCapacity(64));
        HttpResponse<InputStream> response = proxy.client.send(
                HttpRequest.newBuilder(proxy.base.resolve("/api/events")).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        AtomicInteger states = new AtomicInteger();
        AtomicInteger notices = new AtomicInteger();
        List<String> othersLost = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.equals("event: state")) {
                        states.incrementAndGet();
                    } else if (line.startsWith("data: {\"dropped\"")) {
                        notices.incrementAndGet();
                        if (!line.contains("\"others\":0,")) {
                            othersLost.add(line);
                        }
                    }
                }
            } catch (IOException e) {
                // the stream ends when the fixture closes
            }
        });
        reader.setDaemon(true);
        reader.start();
        AtomicBoolean flooding = new AtomicBoolean(true);
        Thread flood = new Thread(() -> {
            for (long n = 0; flooding.get(); n++) {
                proxy.engine.logs.upstream("alpha", "flood " + n);
            }
        });
        flood.start();
        try {
            ProcessState[] cycle = {ProcessState.STOPPED, ProcessState.STARTING, ProcessState.READY, ProcessState.STOPPING};
            for (int i = 0; i < 200; i++) {
                proxy.engine.bus.publish(new StateChanged("alpha", cycle[i % 4], cycle[(i + 1) % 4], Instant.now(), "test"));
                LockSupport.parkNanos(1_000_000);
            }
            await("200 state changes read", () -> states.get() >= 200);
        } catch (AssertionError e) {
            throw new AssertionError(states.get() + " of 200 state changes read; " + othersLost, e);
        } finally {
            flooding.set(false);
            flood.join();
        }
        assertTrue(notices.get() > 0, "the flood never filled the queue: the test proves nothing");
        assertEquals(List.of(), othersLost);
    }

    @Test
    void slowReaderIsToldHowManyLinesItMissed() throws Exception {
        proxy.close();
        proxy = new ProxyFixture(ProxyOptions.defaults().withStreamQueueCapacity(8));
        HttpResponse<InputStream> response = proxy.client.send(
                HttpRequest.newBuilder(proxy.base.resolve("/logs/stream/proxy?no-history")).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        for (int i = 0; i < 5_000; i++) {
            proxy.engine.logs.info("burst " + i);
        }
        try (Reader reader = new Reader(response)) {
            assertTrue(reader.awaitLineContaining("lines dropped").matches("\\[swapdeck] \\d+ lines dropped: this reader was too slow"));
        }
    }
}
