package dev.swapdeck.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.KeptConnection;
import dev.swapdeck.testing.LlamaLikeUpstream;
import dev.swapdeck.testing.RawHttp;
import dev.swapdeck.testing.TestModels;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Swapdeck in front of a server that behaves as llama-server does on the wire ({@link LlamaLikeUpstream}):
 * no delayed-ACK stalls on reused connections, no innocent request failed by another client's abort,
 * and a client that leaves mid-stream frees its slot at once, not at the next token.
 */
class LlamaWireTest {
    private static final Duration SOON = Duration.ofSeconds(10);
    private static final int SAMPLES = 21;
    /** Three aborting clients: about a thousand aborts among the 2,400 innocent requests. */
    private static final int ABORTS_PER_CLIENT = 350;

    /** A llama-server run with as many slots as the model's concurrency limit, as a user would. */
    private static ModelConfig llama(int concurrencyLimit, String... serverArgs) {
        TestModels.Builder builder = TestModels.model("llama").concurrencyLimit(concurrencyLimit);
        List<String> args = new ArrayList<>(List.of("--port", String.valueOf(builder.port()),
                "--parallel", String.valueOf(concurrencyLimit)));
        args.addAll(List.of(serverArgs));
        return builder.cmd(LlamaLikeUpstream.argv(args.toArray(String[]::new))).build();
    }

    private static int upstreamPort(ModelConfig model) {
        return model.proxy().getPort();
    }

    @Test
    void aWarmRequestCostsAboutWhatAFreshDirectConnectionCosts() throws Exception {
        ModelConfig model = llama(10);
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(model))) {
            swapdeck.core.engine.load("llama").get();
            String direct = "{\"model\":\"llama\",\"max_tokens\":4}";
            for (int i = 0; i < 30; i++) {
                assertEquals(200, swapdeck.chat("llama", "\"max_tokens\":4").statusCode());
                RawHttp.fresh(upstreamPort(model), "POST", "/v1/chat/completions", direct);
            }
            long[] viaSwapdeck = new long[SAMPLES];
            long[] fresh = new long[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = swapdeck.chat("llama", "\"max_tokens\":4");
                viaSwapdeck[i] = System.nanoTime() - start;
                assertEquals(200, response.statusCode(), response.body());
                start = System.nanoTime();
                assertTrue(RawHttp.fresh(upstreamPort(model), "POST", "/v1/chat/completions", direct)
                        .startsWith("HTTP/1.1 200"));
                fresh[i] = System.nanoTime() - start;
            }
            long swapdeckMedian = RawHttp.median(viaSwapdeck);
            long freshMedian = RawHttp.median(fresh);
            assertTrue(swapdeckMedian <= 5 * freshMedian, "via Swapdeck (keep-alive) " + swapdeckMedian / 1000
                    + " µs (median), direct on a fresh connection " + freshMedian / 1000 + " µs");
        }
    }

    /**
     * A client that sends its request's head and body in two writes without TCP_NODELAY (httpx's
     * synchronous client did until httpcore 0.17.2) holds the body until the head is acknowledged:
     * Swapdeck must not make it wait for the delayed-ACK timer (~40 ms) on a kept connection.
     */
    @Test
    void aClientThatSendsHeadAndBodyApartIsNotHeldByADelayedAck() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(llama(10)))) {
            swapdeck.core.engine.load("llama").get();
            int port = swapdeck.base.getPort();
            String body = "{\"model\":\"llama\",\"max_tokens\":2}";
            try (KeptConnection apart = new KeptConnection(port, true);
                 KeptConnection together = new KeptConnection(port, false)) {
                for (int i = 0; i < 10; i++) {
                    apart.post("/v1/chat/completions", body);
                    together.post("/v1/chat/completions", body);
                }
                long[] apartTimes = new long[SAMPLES];
                long[] togetherTimes = new long[SAMPLES];
                for (int i = 0; i < SAMPLES; i++) {
                    long start = System.nanoTime();
                    assertEquals("HTTP/1.1 200 OK", apart.post("/v1/chat/completions", body));
                    apartTimes[i] = System.nanoTime() - start;
                    start = System.nanoTime();
                    assertEquals("HTTP/1.1 200 OK", together.post("/v1/chat/completions", body));
                    togetherTimes[i] = System.nanoTime() - start;
                }
                long apartMedian = RawHttp.median(apartTimes);
                long togetherMedian = RawHttp.median(togetherTimes);
                assertTrue(apartMedian <= 5 * togetherMedian, "head and body apart, no TCP_NODELAY: "
                        + apartMedian / 1000 + " µs (median); in one write: " + togetherMedian / 1000 + " µs");
            }
        }
    }

    /**
     * llama-server gives each open connection one of its few HTTP threads (three with one slot on a
     * 2-core machine) until it closes or idles out. After a burst, connections Swapdeck kept idle must
     * not leave a new connection waiting for that timeout: only each IO thread's newest is kept (two).
     */
    @Test
    void connectionsKeptIdleAfterABurstLeaveTheServersHttpThreadsFree() throws Exception {
        int idleTimeoutMillis = 20_000;
        ModelConfig model = llama(3, "--threads-http", "3", "--idle-timeout-ms", String.valueOf(idleTimeoutMillis));
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(model))) {
            swapdeck.core.engine.load("llama").get();
            List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                // not streamed: llama-server closes a connection after a streamed answer, keeps it after this
                burst.add(swapdeck.chatAsync("llama", "\"max_tokens\":3,\"demo_delay_ms\":100"));
            }
            for (CompletableFuture<HttpResponse<String>> response : burst) {
                assertEquals(200, response.get().statusCode());
            }
            long start = System.nanoTime();
            String direct = RawHttp.fresh(upstreamPort(model), "POST", "/v1/chat/completions", "{\"max_tokens\":2}");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(direct.startsWith("HTTP/1.1 200"), direct);
            assertTrue(millis < idleTimeoutMillis / 2, "another client waited " + millis
                    + " ms for a server thread: Swapdeck's idle connections held them all");
            assertEquals(200, swapdeck.chat("llama", "\"max_tokens\":2").statusCode(), "Swapdeck still answers");
        }
    }

    @Test
    void clientsThatAbortNeverFailAnyoneElse() throws Exception {
        abortStorm(llama(1000));
    }

    @Test
    void clientsThatAbortNeverFailAnyoneElseBeforeANodelayUpstreamEither() throws Exception {
        abortStorm(TestModels.model("llama").concurrencyLimit(1000).build());
    }

    private static final String INNOCENT = "{\"model\":\"llama\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
            + "\"max_tokens\":2}";

    /** About a thousand aborts among 2,400 innocent requests to the model {@code llama}. */
    private static void abortStorm(ModelConfig model) throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(model))) {
            swapdeck.core.engine.load("llama").get();
            int port = swapdeck.base.getPort();
            AtomicInteger aborts = new AtomicInteger();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(9);
            List<Future<?>> aborters = new ArrayList<>();
            for (int a = 0; a < 3; a++) {
                boolean midStream = a % 2 == 0;
                aborters.add(pool.submit(() -> {
                    for (int i = 0; i < ABORTS_PER_CLIENT; i++) {
                        abortOnce(port, midStream);
                        aborts.incrementAndGet();
                    }
                    return null;
                }));
            }
            List<Future<?>> innocents = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                // each on its own raw kept connection: the JDK client's pool can close one under its next
                // request (JDK-8338569), which would fail this test for the client's fault
                innocents.add(pool.submit(() -> {
                    try (KeptConnection connection = new KeptConnection(port, false)) {
                        for (int i = 0; i < 400; i++) {
                            String status = connection.post("/v1/chat/completions", INNOCENT);
                            if (!status.startsWith("HTTP/1.1 200 ")) {
                                failures.add(status);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> aborter : aborters) {
                aborter.get();
            }
            for (Future<?> innocent : innocents) {
                innocent.get();
            }
            pool.shutdown();
            assertTrue(failures.isEmpty(), failures.size() + " of 2400 innocent requests failed during "
                    + aborts.get() + " aborts, first: " + failures.peek());
            assertTrue(aborts.get() >= 50, "only " + aborts.get() + " aborts happened");
            Await.until("every lease released", SOON, () -> swapdeck.core.status("llama").inFlight() == 0);
        }
    }

    /** A client that leaves after the first streamed chunk, or right after sending its request. */
    private static void abortOnce(int port, boolean midStream) throws Exception {
        String body = "{\"model\":\"llama\",\"stream\":true,\"max_tokens\":40,\"demo_delay_ms\":2}";
        // Connection: close, so that an answer that is not a stream ends the wait for its first event
        try (Socket socket = RawHttp.open(port, "POST", "/v1/chat/completions", body, true)) {
            if (midStream) {
                RawHttp.readUntil(socket.getInputStream(), "data: ");
            }
        }
    }

    @Test
    void tenStreamingClientsThatLeaveAfterOneChunkFreeTheirSlotsAtOnce() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(llama(10)))) {
            swapdeck.core.engine.load("llama").get();
            String body = "{\"model\":\"llama\",\"stream\":true,\"max_tokens\":3,\"demo_delay_ms\":60000}";
            List<Socket> clients = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Socket socket = RawHttp.open(swapdeck.base.getPort(), "POST", "/v1/chat/completions", body, false);
                clients.add(socket);
                InputStream in = socket.getInputStream();
                assertTrue(RawHttp.readUntil(in, "data: "), "the first chunk arrives");
            }
            assertEquals(10, swapdeck.core.status("llama").inFlight());
            for (Socket client : clients) {
                client.close();
            }
            // the next token would come a minute later: only watching the client's socket frees the slots
            Await.until("all ten slots free", SOON, () -> swapdeck.core.status("llama").inFlight() == 0);
            LiveSwapdeck.Stream stream = swapdeck.stream("llama", 5, 1, () -> { });
            assertEquals(200, stream.status());
            assertEquals(5, stream.chunks());
            assertTrue(stream.finished(), "[DONE] arrives: " + stream.events());
        }
    }

    /**
     * A server killed with requests it accepted and never read (its two HTTP threads busy): each of them
     * finds its connection reset unread, so each is routed once more, and the first of them starts the
     * model again. The others must still see that their own server exited, not take the new start
     * under way for a server that merely hung up on them.
     */
    @Test
    void everyRequestAKilledServerNeverReadIsServedByItsNextStart() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(llama(10, "--threads-http", "2")))) {
            swapdeck.core.engine.load("llama").get();
            long pid = swapdeck.core.status("llama").process().pid().orElseThrow();
            List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                held.add(swapdeck.chatAsync("llama", "\"max_tokens\":1000,\"demo_delay_ms\":20"));
            }
            // read by the server's two HTTP threads, which they now hold, and generating
            Await.until("both read", SOON, () -> swapdeck.core.logs.modelHistory("llama").stream()
                    .filter(line -> line.text().contains("processing task")).count() == 2);
            List<CompletableFuture<HttpResponse<String>>> unread = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                unread.add(swapdeck.chatAsync("llama", "\"max_tokens\":2"));
            }
            Await.until("all six leased", SOON, () -> swapdeck.core.status("llama").inFlight() == 6);
            Thread.sleep(200); // the four requests' bytes reach the server's sockets

            new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();

            for (CompletableFuture<HttpResponse<String>> request : held) {
                assertEquals(502, request.get(SOON.toSeconds(), TimeUnit.SECONDS).statusCode(), "read, so not sent again");
            }
            for (CompletableFuture<HttpResponse<String>> request : unread) {
                HttpResponse<String> response = request.get(SOON.toSeconds(), TimeUnit.SECONDS);
                assertEquals(200, response.statusCode(), response.body());
            }
            assertTrue(swapdeck.core.status("llama").process().pid().orElseThrow() != pid, "served by a new start");
        }
    }
}
