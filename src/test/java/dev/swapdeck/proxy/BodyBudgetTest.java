package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several large uploads at once share the global body budget (SPEC §8): past it, a new large body
 * waits briefly, then gets 503 with Retry-After; small requests never wait.
 */
class BodyBudgetTest {
    private static final int MIB = 1024 * 1024;
    private ProxyFixture proxy;

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    /** Room for two 4 MiB bodies; a third waits {@code wait} for one of them to finish. */
    private void start(Duration wait) throws Exception {
        proxy = new ProxyFixture(ProxyOptions.defaults().withMaxBodyBytes(4 * MIB)
                .withLimits(new ListenerLimits(8 * MIB, wait, Duration.ofSeconds(30), Duration.ofSeconds(120),
                        Duration.ofSeconds(30), ListenerLimits.DEFAULT_CLIENT_STALL, ListenerLimits.MOST_CONNECTIONS)));
    }

    /** A 4 MiB chat request whose answer streams for {@code chunks} × 100 ms, holding its body meanwhile. */
    private CompletableFuture<HttpResponse<String>> largeUpload(int chunks) {
        String body = "{\"model\":\"alpha\",\"pad\":\"" + "x".repeat(4 * MIB - 64) + "\"}";
        return proxy.client.sendAsync(HttpRequest.newBuilder(proxy.base.resolve("/v1/chat/completions"))
                .header("Content-Type", "application/json").header("X-Test-Chunks", Integer.toString(chunks))
                .header("X-Test-Pace-Ms", "100").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Two uploads whose bodies are both held: the upstream has received them and is still answering. */
    private List<CompletableFuture<HttpResponse<String>>> fillTheBudget(int chunks) throws Exception {
        List<CompletableFuture<HttpResponse<String>>> holding = List.of(largeUpload(chunks), largeUpload(chunks));
        proxy.upstream.next();
        proxy.upstream.next();
        return holding;
    }

    @Test
    void aLargeBodyPastTheBudgetGets503WithRetryAfterWhileSmallOnesPass() throws Exception {
        start(Duration.ofMillis(300));
        List<CompletableFuture<HttpResponse<String>>> holding = fillTheBudget(40);

        HttpResponse<String> refused = largeUpload(0).get(30, TimeUnit.SECONDS);
        assertEquals(503, refused.statusCode(), refused.body());
        assertEquals("1", refused.headers().firstValue("Retry-After").orElse(""));
        assertEquals("body_budget_exhausted", ProxyFixture.json(refused).path("error").path("code").asText());
        assertEquals(200, proxy.post("/v1/chat/completions", "{\"model\":\"alpha\"}").statusCode(),
                "a small request does not queue behind uploads");

        for (CompletableFuture<HttpResponse<String>> upload : holding) {
            assertEquals(200, upload.get(60, TimeUnit.SECONDS).statusCode());
        }
        assertEquals(200, largeUpload(0).get(30, TimeUnit.SECONDS).statusCode(), "room again once they finished");
    }

    /**
     * Bodies that declare their length and then trickle in hold what has come, not what they declared:
     * two that declared 4 MiB each and sent a few bytes left no room for a third while they kept
     * sending a byte now and then (the stall timeout counts only gaps).
     */
    @Test
    void tricklingBodiesHoldWhatCameNotWhatTheyDeclared() throws Exception {
        start(Duration.ofMillis(300));
        try (Socket first = trickling(); Socket second = trickling()) {
            assertEquals(200, largeUpload(0).get(30, TimeUnit.SECONDS).statusCode(), "room while two others trickle");
        }
    }

    /** A connection that declared a 4 MiB body and has sent its first bytes of it; it sends no more. */
    private Socket trickling() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.base.getPort());
        socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                + "application/json\r\nContent-Length: " + 4 * MIB + "\r\n\r\n{\"model\"").getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return socket;
    }

    /**
     * A body refused past the limit gives its reservation back at once: the rest of it is drained
     * (so the client reads its 413), and a client that stops sending in the middle of that must not
     * hold budget meanwhile.
     */
    @Test
    void aRefusedBodyHoldsNoBudgetWhileItsRestIsDrained() throws Exception {
        start(Duration.ofMillis(300));
        try (Socket stalled = new Socket(InetAddress.getLoopbackAddress(), proxy.base.getPort())) {
            stalled.setSoTimeout(10_000);
            OutputStream out = stalled.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.ISO_8859_1);
            for (int sent = 0; sent <= 4 * MIB; sent += chunk.length) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            byte[] head = new byte[12];
            assertEquals(12, stalled.getInputStream().readNBytes(head, 0, 12));
            assertEquals("HTTP/1.1 413", new String(head, StandardCharsets.ISO_8859_1));

            List<CompletableFuture<HttpResponse<String>>> both = List.of(largeUpload(10), largeUpload(10));
            for (CompletableFuture<HttpResponse<String>> upload : both) {
                assertEquals(200, upload.get(30, TimeUnit.SECONDS).statusCode(), "room for two while the refused one stalls");
            }
        }
    }

    /**
     * Chunked bodies declare no size, so two that arrive together can each hold half the budget and
     * wait for more, neither able to finish. The younger is refused, though the older's wait ran out
     * first, and the older is served, as when the sizes are declared.
     */
    @Test
    void ofTwoChunkedUploadsStuckOnTheBudgetTheYoungerIsRefused() throws Exception {
        proxy = new ProxyFixture(ProxyOptions.defaults().withMaxBodyBytes(8 * MIB).withLimits(
                new ListenerLimits(8 * MIB, Duration.ofMillis(300), Duration.ofSeconds(30), Duration.ofSeconds(120),
                        Duration.ofSeconds(30), ListenerLimits.DEFAULT_CLIENT_STALL, ListenerLimits.MOST_CONNECTIONS)));
        // the reader reserves 256 KiB ahead: each holds 4 MiB once 3.75 MiB arrived, the budget is full
        try (Socket older = chunkedUpload(15 * 256 * 1024); Socket younger = chunkedUpload(15 * 256 * 1024)) {
            sendChunks(older, 256 * 1024);
            Thread.sleep(50);
            sendChunks(younger, 256 * 1024);

            assertEquals("HTTP/1.1 503", statusOf(younger), "the younger upload is refused");
            sendChunks(older, 1024);
            older.getOutputStream().write("2\r\n\"}\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertEquals("HTTP/1.1 200", statusOf(older), "the older one goes on once the younger gave its share back");
        }
    }

    /** A chunked chat request with {@code bytes} of its body sent, and time to read them. */
    private Socket chunkedUpload(int bytes) throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.base.getPort());
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n18\r\n{\"model\":\"alpha\",\"pad\":\"\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        sendChunks(socket, bytes);
        Thread.sleep(150);
        return socket;
    }

    /** {@code bytes} more of the {@code pad} string's content, in 64 KiB chunks. */
    private static void sendChunks(Socket socket, int bytes) throws Exception {
        OutputStream out = socket.getOutputStream();
        for (int left = bytes; left > 0; ) {
            int size = Math.min(left, 64 * 1024);
            out.write((Integer.toHexString(size) + "\r\n" + "x".repeat(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            left -= size;
        }
        out.flush();
    }

    private static String statusOf(Socket socket) throws Exception {
        return new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aLargeBodyWaitsBrieflyForRoom() throws Exception {
        start(Duration.ofSeconds(30));
        List<CompletableFuture<HttpResponse<String>>> holding = fillTheBudget(10);
        CompletableFuture<HttpResponse<String>> waiting = largeUpload(0);
        assertEquals(200, waiting.get(60, TimeUnit.SECONDS).statusCode());
        assertTrue(holding.stream().anyMatch(CompletableFuture::isDone), "it went once an earlier body was released");
    }
}
