package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An event stream's upstream connection is not kept, and Swapdeck ends it with a reset, never a close:
 * llama-server closes its side just after a stream, and when the two closes cross, each side keeps a
 * TIME_WAIT, one of them on the model's port, which the next server to bind it without SO_REUSEADDR
 * cannot have for a minute. This upstream keeps its side open, so the test sees which one came. The
 * connection for the next request is opened after it, without waiting for that request.
 */
class StreamConnectionEndTest {
    private static final String STREAM = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n"
            + "f\r\ndata: {\"a\":1}\n\n\r\n" + "e\r\ndata: [DONE]\n\n\r\n" + "0\r\n\r\n";

    @Test
    void theConnectionOfAFinishedStreamIsResetNotClosed() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             OneModelProxy proxy = new OneModelProxy(listener.getLocalPort(), "{}")) {
            CompletableFuture<HttpResponse<String>> answer = chatAsync(proxy);
            try (Socket upstream = listener.accept()) {
                InputStream in = upstream.getInputStream();
                readRequest(in);
                OutputStream out = upstream.getOutputStream();
                out.write(STREAM.getBytes(StandardCharsets.US_ASCII));
                out.flush();

                HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
                assertEquals(200, response.statusCode());
                assertEquals("data: {\"a\":1}\n\ndata: [DONE]\n\n", response.body());
                upstream.setSoTimeout(10_000);
                SocketException ended = assertThrows(SocketException.class, in::read,
                        "Swapdeck closed the connection instead of resetting it");
                assertEquals("Connection reset", ended.getMessage());
            }
            // the next request's connection is opened after the stream's, so that it need not wait for one
            listener.setSoTimeout(10_000);
            Socket replacement = assertDoesNotThrow(listener::accept, "no connection was opened for the next request");
            replacement.close();
        }
    }

    /**
     * A server that says it closes each connection (HTTP/1.0, {@code Connection: close}) gets no spare
     * one: a server that serves one connection at a time (Python's plain {@code HTTPServer}) sat blocked
     * on it, and its next client, through Swapdeck or not, waited until Swapdeck dropped it 4 s later.
     */
    @Test
    void aServerThatClosesEachConnectionGetsNoSpareOne() throws Exception {
        for (String answer : List.of("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n{}",
                "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}",
                "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: text/event-stream\r\n\r\ndata: [DONE]\n\n")) {
            try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                 OneModelProxy proxy = new OneModelProxy(listener.getLocalPort(), "{}")) {
                CompletableFuture<HttpResponse<String>> chat = chatAsync(proxy);
                try (Socket upstream = listener.accept()) {
                    readRequest(upstream.getInputStream());
                    upstream.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
                }
                assertEquals(200, chat.get(30, TimeUnit.SECONDS).statusCode(), answer);
                listener.setSoTimeout(500);
                assertThrows(SocketTimeoutException.class, () -> listener.accept().close(),
                        "a spare connection was opened to a server that closes each one: " + answer);
            }
        }
    }

    /** A chat through {@code proxy}, sent from another thread while the test plays the upstream. */
    private static CompletableFuture<HttpResponse<String>> chatAsync(OneModelProxy proxy) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return proxy.chat();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Reads a request head and the body its Content-Length announces. */
    private static void readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the request ended in its head: " + head);
            }
            head.append((char) b);
        }
        String lower = head.toString().toLowerCase(Locale.ROOT);
        int at = lower.indexOf("content-length:");
        int length = at < 0 ? 0 : Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).trim());
        in.readNBytes(length);
    }
}
