package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * What clients can hold of Swapdeck at once is bounded (SPEC §8: nothing runs out of heap): a request's
 * head, and the number of connections, past which new ones wait until some have closed.
 */
class ConnectionLimitsTest {
    private static final int MOST = 4;

    @AutoClose
    private final ProxyFixture proxy = ProxyFixture.start(ProxyOptions.defaults().withLimits(new ListenerLimits(
            256L * 1024 * 1024, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(120),
            Duration.ofSeconds(30), ListenerLimits.DEFAULT_CLIENT_STALL, MOST)));

    /** Undertow's default let each client hold a megabyte of unfinished headers: 5,400 of them ended the JVM. */
    @Test
    void aRequestHeadPastTheLimitIsRefusedAndOneBelowItServed() throws Exception {
        try (Socket client = connect()) {
            assertTrue(exchange(client, "X-Big: " + "b".repeat(ListenerLimits.HEADER_BYTES / 2) + "\r\n")
                    .startsWith("HTTP/1.1 200"));
        }
        try (Socket client = connect()) {
            assertTrue(exchange(client, "X-Big: " + "b".repeat(ListenerLimits.HEADER_BYTES) + "\r\n")
                    .startsWith("HTTP/1.1 400"));
        }
    }

    /** Past the limit a client waits in the kernel's queue, and is served once one connection closes. */
    @Test
    void pastTheMostConnectionsANewOneWaitsUntilOneCloses() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < MOST; i++) {
                held.add(connect());
                assertTrue(exchange(held.get(i), "").startsWith("HTTP/1.1 200"), "connection " + i);
            }
            try (Socket waiting = connect()) {
                send(waiting, "");
                waiting.setSoTimeout(500);
                assertEquals("", readHead(waiting), "answered past the limit");
                held.remove(0).close();
                waiting.setSoTimeout(10_000);
                assertTrue(readHead(waiting).startsWith("HTTP/1.1 200"), "not answered once a connection closed");
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private Socket connect() throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), proxy.base.getPort());
    }

    private static void send(Socket client, String headers) throws IOException {
        client.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        client.getOutputStream().flush();
    }

    private static String exchange(Socket client, String headers) throws IOException {
        send(client, headers);
        client.setSoTimeout(10_000);
        return readHead(client);
    }

    /** The response's status line and headers, or what came of them before the timeout or the close. */
    private static String readHead(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        StringBuilder head = new StringBuilder();
        try {
            for (int b; !head.toString().endsWith("\r\n\r\n") && (b = in.read()) >= 0; ) {
                head.append((char) b);
            }
        } catch (SocketTimeoutException e) {
            // nothing more came
        }
        return head.toString();
    }
}
