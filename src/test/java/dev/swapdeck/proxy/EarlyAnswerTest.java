package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A server that answers before it reads the whole request (a refusal of a body too large, a missing
 * key) and closes the connection on the rest: the write of the request breaks on its reset, but its
 * answer is already there. The client gets that answer, and the request goes out once.
 */
class EarlyAnswerTest {
    private static final String REFUSAL = "{\"error\":{\"code\":413,\"message\":\"upstream: request too large\"}}";

    @Test
    void anAnswerSentBeforeTheBodyWasReadPassesThroughAndTheRequestIsNotSentAgain() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (ServerSocket upstream = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             OneModelProxy proxy = new OneModelProxy(upstream.getLocalPort(), "{}")) {
            Thread server = new Thread(() -> refuseEveryRequestUnread(upstream, requests), "early-upstream");
            server.setDaemon(true);
            server.start();
            byte[] body = ("{\"model\":\"m\",\"pad\":\"" + "x".repeat(24 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

            HttpResponse<String> response = client.send(HttpRequest.newBuilder(proxy.base().resolve("/v1/chat/completions"))
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(413, response.statusCode(), response.body());
            assertEquals(REFUSAL, response.body(), "the upstream's own answer, unchanged");
            assertEquals(1, requests.get(), "a request the server answered is never sent again");
            assertEquals(413, proxy.chat().statusCode(), "the next request goes out on a connection of its own");
            assertEquals(2, requests.get());
        }
    }

    /**
     * Reads each request's head, answers 413 at once and closes with the body unread (the kernel resets);
     * counts the requests, not the connections. Each connection on a thread of its own: the proxy opens
     * one ahead for its pool, which carries nothing until the next request.
     */
    private static void refuseEveryRequestUnread(ServerSocket upstream, AtomicInteger requests) {
        while (!upstream.isClosed()) {
            try {
                Socket socket = upstream.accept();
                Thread connection = new Thread(() -> refuseUnread(socket, requests), "early-upstream-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void refuseUnread(Socket connection, AtomicInteger requests) {
        try (Socket socket = connection) {
            InputStream in = socket.getInputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return; // closed with no request
                }
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            requests.incrementAndGet();
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 413 Payload Too Large\r\nContent-Type: application/json\r\nContent-Length: "
                    + REFUSAL.length() + "\r\n\r\n" + REFUSAL).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException e) {
            // the proxy closed the connection
        }
    }
}
