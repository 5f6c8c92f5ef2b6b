package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * SPEC §8, slow and idle connections are closed: a request body that stops arriving is refused and its
 * share of the body budget freed, while a slow but moving upload and a silent streaming answer go on.
 */
class StalledBodiesTest {
    private static final int MIB = 1024 * 1024;

    // the whole budget fits one declared body; a body may go 1 s without a byte
    @AutoClose
    private final ProxyFixture proxy = ProxyFixture.start(ProxyOptions.defaults().withMaxBodyBytes(8 * MIB)
            .withLimits(new ListenerLimits(8 * MIB, Duration.ofMillis(300), Duration.ofSeconds(30),
                    Duration.ofSeconds(120), Duration.ofSeconds(1), ListenerLimits.DEFAULT_CLIENT_STALL,
                    ListenerLimits.MOST_CONNECTIONS)));

    @Test
    void aBodyThatStopsArrivingIs408AndItsConnectionAndBudgetAreFreed() throws Exception {
        try (Socket stalled = connect()) {
            OutputStream out = stalled.getOutputStream();
            out.write(head("/v1/chat/completions", 8 * MIB));
            out.write("{\"model\":\"alpha\",\"pad\":\"".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(stalled.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("the request body stopped arriving: no byte came for 1 s"), answer);
        }
        String body = "{\"model\":\"alpha\",\"pad\":\"" + "x".repeat(4 * MIB) + "\"}";
        HttpResponse<String> next = proxy.post("/v1/chat/completions", body);
        assertEquals(200, next.statusCode(), "the stalled body's reservation was given back: " + next.body());
    }

    /** Thirty pieces 100 ms apart: three times the stall timeout in all, never 1 s without a byte. */
    @Test
    void aSlowButMovingUploadIsServed() throws Exception {
        String piece = "x".repeat(100);
        String prefix = "{\"model\":\"alpha\",\"pad\":\"";
        int length = prefix.length() + 30 * piece.length() + 2;
        try (Socket slow = connect()) {
            OutputStream out = slow.getOutputStream();
            out.write(head("/upstream/alpha/v1/chat/completions", length));
            out.write(prefix.getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 30; i++) {
                out.write(piece.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(100);
            }
            out.write("\"}".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("HTTP/1.1 200 OK", statusLine(slow.getInputStream()));
        }
    }

    /** The stall rule times request bodies only: an answer silent for longer than it is never cut. */
    @Test
    void aStreamingAnswerSilentLongerThanTheStallTimeoutIsWhole() throws Exception {
        HttpResponse<String> stream = proxy.send(HttpRequest.newBuilder(proxy.base.resolve("/v1/chat/completions"))
                .header("X-Test-Chunks", "2").header("X-Test-Pace-Ms", "1500")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"alpha\",\"stream\":true}")).build());
        assertEquals(200, stream.statusCode());
        assertTrue(stream.body().endsWith("data: [DONE]\n\n"), stream.body());
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.base.getPort());
        socket.setSoTimeout(20_000); // a proxy that never gives up on the body would leave this test waiting for good
        return socket;
    }

    private byte[] head(String path, int length) {
        return ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + proxy.base.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\r'; b = in.read()) {
            line.append((char) b);
        }
        return line.toString();
    }
}
