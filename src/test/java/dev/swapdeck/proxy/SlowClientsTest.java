package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Slow and idle connections are closed (SPEC §8), here with both timeouts at one second; a response
 * that is streaming is never cut, even when it is quiet for longer than either.
 */
class SlowClientsTest {
    @AutoClose
    private final ProxyFixture proxy = ProxyFixture.start(ProxyOptions.defaults().withLimits(new ListenerLimits(
            256L * 1024 * 1024, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofSeconds(1), ListenerLimits.DEFAULT_CLIENT_STALL, ListenerLimits.MOST_CONNECTIONS)));

    private CompletableFuture<HttpResponse<String>> stream(int chunks, int paceMs) {
        return proxy.client.sendAsync(HttpRequest.newBuilder(proxy.base.resolve("/v1/chat/completions"))
                .header("Content-Type", "application/json").header("X-Test-Chunks", Integer.toString(chunks))
                .header("X-Test-Pace-Ms", Integer.toString(paceMs))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"alpha\",\"stream\":true}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aHalfSentRequestIsClosedWhileOtherClientsAreServed() throws Exception {
        CompletableFuture<HttpResponse<String>> busy = stream(30, 100);
        CompletableFuture<HttpResponse<String>> quiet = stream(2, 1500);
        try (Socket slow = new Socket(InetAddress.getLoopbackAddress(), proxy.base.getPort())) {
            slow.getOutputStream().write("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le"
                    .getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            assertTrue(closedByServer(slow, Duration.ofSeconds(20)), "the half-sent request was not closed");
        }
        assertEquals(200, proxy.get("/v1/models").statusCode());
        for (CompletableFuture<HttpResponse<String>> response : List.of(busy, quiet)) {
            HttpResponse<String> done = response.get(30, TimeUnit.SECONDS);
            assertEquals(200, done.statusCode());
            assertTrue(done.body().endsWith("data: [DONE]\n\n"), "the stream was not cut: " + done.body());
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosed() throws Exception {
        try (Socket idle = new Socket(InetAddress.getLoopbackAddress(), proxy.base.getPort())) {
            idle.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            idle.getOutputStream().flush();
            assertTrue(closedByServer(idle, Duration.ofSeconds(20)), "the idle connection stayed open");
        }
    }

    /** Reads until the server closes the connection (true) or {@code within} passes (false). */
    private static boolean closedByServer(Socket socket, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        socket.setSoTimeout(200);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[1024];
        while (System.nanoTime() < deadline) {
            try {
                if (in.read(buffer) == -1) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }
}
