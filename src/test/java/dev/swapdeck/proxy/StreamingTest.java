package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class StreamingTest {
    @AutoClose
    private final ProxyFixture proxy = ProxyFixture.start();

    private HttpRequest streamRequest(int chunks, int paceMillis) {
        return HttpRequest.newBuilder(proxy.base.resolve("/v1/chat/completions"))
                .header("X-Test-Chunks", String.valueOf(chunks))
                .header("X-Test-Pace-Ms", String.valueOf(paceMillis))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"alpha\",\"stream\":true}")).build();
    }

    /**
     * llama-server closes a connection a fraction of a millisecond after an event stream without
     * saying so; one kept for the next request would meet that close. A plain answer's is kept.
     */
    @Test
    void aConnectionThatCarriedAnEventStreamIsNotUsedAgain() throws Exception {
        HttpRequest plain = HttpRequest.newBuilder(proxy.base.resolve("/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"alpha\"}")).build();
        // the plain answers first: the connection a stream leaves is replaced as it ends, and on a busy
        // machine the next request may come before the replacement is open
        assertEquals(200, proxy.client.send(plain, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(200, proxy.client.send(plain, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(200, proxy.client.send(streamRequest(2, 1), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(200, proxy.client.send(plain, HttpResponse.BodyHandlers.ofString()).statusCode());
        int first = proxy.upstream.next().clientPort();
        int second = proxy.upstream.next().clientPort();
        int stream = proxy.upstream.next().clientPort();
        int afterStream = proxy.upstream.next().clientPort();
        assertEquals(first, second, "a plain answer's connection was used again");
        assertNotEquals(stream, afterStream, "the stream's connection was not used for the next request");
    }

    /**
     * A chat app streams nearly every answer, so nearly every request would otherwise wait for a new
     * connection (and, at llama-server, for its accept thread): the one a stream leaves behind is
     * replaced as the stream ends, before the next request arrives.
     */
    @Test
    void theConnectionAStreamLeavesIsReplacedBeforeTheNextRequest() throws Exception {
        assertEquals(200, proxy.client.send(streamRequest(2, 1), HttpResponse.BodyHandlers.ofString()).statusCode());
        int streamPort = proxy.upstream.next().clientPort();
        int upstreamPort = proxy.upstream.uri().getPort();
        Await.until("a new connection to the upstream is open before any request needs it", Duration.ofSeconds(5),
                () -> !connectionsTo(upstreamPort, streamPort).isEmpty());
        List<Integer> ready = connectionsTo(upstreamPort, streamPort);
        HttpRequest plain = HttpRequest.newBuilder(proxy.base.resolve("/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"alpha\"}")).build();
        assertEquals(200, proxy.client.send(plain, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(ready, List.of(proxy.upstream.next().clientPort()), "the next request went out on it");
    }

    /** Local ports of this machine's established TCP connections to {@code port}, but {@code except}. */
    private static List<Integer> connectionsTo(int port, int except) {
        List<Integer> ports = new ArrayList<>();
        try {
            // Java's sockets are IPv6 ones, IPv4-mapped: they are listed in tcp6
            List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("/proc/net/tcp")));
            lines.addAll(Files.readAllLines(Path.of("/proc/net/tcp6")));
            for (String line : lines) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 3 && fields[3].equals("01") && fields[2].endsWith(String.format(":%04X", port))) {
                    int local = Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16);
                    if (local != except) {
                        ports.add(local);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ports;
    }

    @Test
    void chunksArriveOneByOneAsTheUpstreamWritesThem() throws Exception {
        HttpResponse<InputStream> response = proxy.client.send(streamRequest(5, 200),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("no", response.headers().firstValue("X-Accel-Buffering").orElse(""));
        List<Long> arrivals = new ArrayList<>();
        FakeUpstreams.TrackedLease lease = proxy.engine.upstreams.lastLease();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("data: chunk")) {
                    arrivals.add(System.nanoTime());
                    if (arrivals.size() == 2) {
                        assertEquals(0, lease.closes.get(), "the lease stays open while the response streams");
                    }
                }
            }
        }
        assertEquals(5, arrivals.size());
        long spreadMillis = (arrivals.get(4) - arrivals.get(0)) / 1_000_000;
        assertTrue(spreadMillis >= 400, "chunks arrived together, " + spreadMillis + " ms apart");
        assertTrue(lease.awaitClosed());
        assertEquals(1, lease.closes.get());
        assertEquals(0, lease.clientLeftCloses.get(), "a whole answer: its model may linger for the client's next request");
    }

    @Test
    void clientThatLeavesCancelsTheUpstreamStreamAndClosesTheLease() throws Exception {
        HttpResponse<InputStream> response = proxy.client.send(streamRequest(500, 20),
                HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        assertTrue(in.readLine().startsWith("data: chunk 0"));
        in.close();

        FakeUpstreams.TrackedLease lease = proxy.engine.upstreams.lastLease();
        assertTrue(lease.awaitClosed(), "the lease closes when the client leaves");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (proxy.upstream.streamsAborted.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, proxy.upstream.streamsAborted.get(), "the upstream's write failed: its request was cancelled");
        assertEquals(0, proxy.upstream.streamsCompleted.get());
        assertEquals(1, lease.closes.get());
        assertEquals(1, lease.clientLeftCloses.get(), "closed as its client's departure: no linger holds a swap for it");
    }

    @Test
    void requestsWaitForALeaseThatArrivesLater() throws Exception {
        proxy.engine.upstreams.delayMillis = 300;
        HttpResponse<String> response = proxy.client.send(streamRequest(2, 10), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().endsWith("data: [DONE]\n\n"));
        assertTrue(proxy.engine.upstreams.lastLease().awaitClosed());
    }
}
