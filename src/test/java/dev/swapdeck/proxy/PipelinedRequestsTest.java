package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A client may send its next request before the answer to the one before has come (RFC 9112 §9.3.2):
 * the first answer still streams as it arrives, and a client that leaves still cancels it.
 */
class PipelinedRequestsTest {
    private static final String TWO_REQUESTS = "GET /upstream/m/first HTTP/1.1\r\nHost: localhost\r\n\r\n"
            + "GET /upstream/m/second HTTP/1.1\r\nHost: localhost\r\n\r\n";
    private static final String STREAM_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n";
    private static final String FIRST_EVENT = "data: one\n\n";

    @Test
    void aStreamWithARequestQueuedBehindItFlowsAsItArrives() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             OneModelProxy proxy = new OneModelProxy(listener.getLocalPort(), "{}");
             Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            client.getOutputStream().write(TWO_REQUESTS.getBytes(StandardCharsets.US_ASCII));
            listener.setSoTimeout(10_000);
            try (Socket upstream = listener.accept()) {
                assertTrue(readHead(upstream.getInputStream()).startsWith("GET /first "));
                startStream(upstream.getOutputStream());

                client.setSoTimeout(10_000);
                String received = readUntil(client.getInputStream(), FIRST_EVENT);
                assertTrue(received.startsWith("HTTP/1.1 200 OK\r\n"), received);
                upstream.getOutputStream().write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            // the queued request goes once the stream has ended, byte for byte as the client sent it
            try (Socket upstream = listener.accept()) {
                assertTrue(readHead(upstream.getInputStream()).startsWith("GET /second "));
                upstream.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecond"
                        .getBytes(StandardCharsets.US_ASCII));
                String second = readUntil(client.getInputStream(), "second");
                assertTrue(second.contains("HTTP/1.1 200 OK\r\n"), second);
            }
        }
    }

    @Test
    void aClientThatLeavesWithARequestQueuedCancelsTheStream() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             OneModelProxy proxy = new OneModelProxy(listener.getLocalPort(), "{}")) {
            Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
            client.getOutputStream().write(TWO_REQUESTS.getBytes(StandardCharsets.US_ASCII));
            listener.setSoTimeout(10_000);
            try (Socket upstream = listener.accept()) {
                readHead(upstream.getInputStream());
                startStream(upstream.getOutputStream());
                client.close();

                upstream.setSoTimeout(10_000);
                try {
                    assertEquals(-1, upstream.getInputStream().read(), "the upstream connection carried more");
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("the stream went on 10 s after its client left", e);
                } catch (IOException reset) {
                    // cancelled with a reset: as good as a close
                }
            }
        }
    }

    private static void startStream(OutputStream out) throws IOException {
        out.write((STREAM_HEAD + Integer.toHexString(FIRST_EVENT.length()) + "\r\n" + FIRST_EVENT + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readHead(InputStream in) throws IOException {
        return readUntil(in, "\r\n\r\n");
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder text = new StringBuilder();
        while (!text.toString().endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection ended before " + end.strip() + ": " + text);
            }
            text.append((char) b);
        }
        return text.toString();
    }
}
