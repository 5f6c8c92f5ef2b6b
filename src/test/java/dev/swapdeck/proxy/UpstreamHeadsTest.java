package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.testing.RawUpstream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What of an upstream's response head reaches the client. */
class UpstreamHeadsTest {

    /** Long headers (a big cookie, a trace) are a server's right: a head past one pooled buffer passes. */
    @Test
    void aResponseHeadLargerThanABufferPassesThrough() throws Exception {
        String big = "x".repeat(100_000);
        try (RawUpstream upstream = new RawUpstream((head, out) -> out.write(("HTTP/1.1 200 OK\r\nX-Big: " + big
                     + "\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}")
                     .getBytes(StandardCharsets.ISO_8859_1)));
             OneModelProxy proxy = new OneModelProxy(upstream.port(), "{}")) {
            HttpResponse<String> answer = proxy.chat();
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals("{\"ok\":true}", answer.body());
            assertEquals(big, answer.headers().firstValue("X-Big").orElse(""));
        }
    }

    /** Headers about the upstream's hop stay there (RFC 9110 §7.6.1): those its Connection names, Proxy-Authenticate. */
    @Test
    void hopByHopResponseHeadersDoNotReachTheClient() throws Exception {
        try (RawUpstream upstream = new RawUpstream((head, out) -> out.write(("HTTP/1.1 200 OK\r\n"
                     + "Connection: X-Hop-Secret, keep-alive\r\nX-Hop-Secret: 1\r\nProxy-Authenticate: Basic realm=up\r\n"
                     + "X-Kept: yes\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}")
                     .getBytes(StandardCharsets.ISO_8859_1)));
             OneModelProxy proxy = new OneModelProxy(upstream.port(), "{}")) {
            HttpResponse<String> answer = proxy.chat();
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals("yes", answer.headers().firstValue("X-Kept").orElse(""), "an end-to-end header passes");
            assertEquals(Optional.empty(), answer.headers().firstValue("X-Hop-Secret"));
            assertEquals(Optional.empty(), answer.headers().firstValue("Proxy-Authenticate"));
        }
    }

    /** A head past Swapdeck's limit is Swapdeck's refusal, said so; not the server breaking the connection. */
    @Test
    void aResponseHeadPastTheLimitIsA502ThatNamesTheLimit() throws Exception {
        String huge = "x".repeat(ResponseBuffer.MAX_HEAD_BYTES);
        try (RawUpstream upstream = new RawUpstream((head, out) -> out.write(("HTTP/1.1 200 OK\r\nX-Huge: " + huge
                     + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)));
             OneModelProxy proxy = new OneModelProxy(upstream.port(), "{}")) {
            HttpResponse<String> answer = proxy.chat();
            assertEquals(502, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("answered with a response head larger than Swapdeck's limit of 1024 KiB"),
                    answer.body());
        }
    }

    /**
     * RFC 9112: a proxy answers 502 to a length it cannot trust (§6.3), and to a folded header rather
     * than pass its second line on as a header of its own (§5.2), as nginx does. ({@code ~}: a line break.)
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Content-Length: abc | an invalid Content-Length (abc)",
        "Content-Length: +5 | an invalid Content-Length (+5)",
        "Content-Length: 2~Content-Length: 5 | Content-Length values that disagree (2, 5)",
        "Content-Length: 5, 2 | Content-Length values that disagree (5, 2)",
        "X-Fold: first~  Set-Cookie: injected=1~Content-Length: 5 | a header folded onto a second line, which"
                + " HTTP/1.1 forbids: Set-Cookie: injected=1",
        "Transfer-Encoding: gzip~Content-Length: 5 | a Transfer-Encoding no proxy can pass on (gzip)",
        "Transfer-Encoding: chunked, gzip | a Transfer-Encoding no proxy can pass on (chunked, gzip)",
        "Transfer-Encoding: | a Transfer-Encoding no proxy can pass on (an empty one)",
        "HTTP/1.1 1200 Weird | a malformed status line: HTTP/1.1 1200 Weird",
        "HTTP/1.1 -5 Weird | a malformed status line: HTTP/1.1 -5 Weird"})
    void aHeadNoProxyMayPassOnIsA502ThatSaysWhy(String headers, String why) throws Exception {
        // a status line given replaces the 200 (an out-of-range code left the client waiting for ever)
        String head = headers.startsWith("HTTP/") ? headers : "HTTP/1.1 200 OK~" + headers;
        try (RawUpstream upstream = new RawUpstream((request, out) -> out.write((head.replace("~", "\r\n")
                     + "\r\nSet-Cookie: late=1\r\n\r\nhello").getBytes(StandardCharsets.ISO_8859_1)));
             OneModelProxy proxy = new OneModelProxy(upstream.port(), "{}")) {
            HttpResponse<String> answer = proxy.chat();
            assertEquals(502, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains(" answered with " + why), answer.body());
            assertEquals(Optional.empty(), answer.headers().firstValue("Set-Cookie"));
        }
    }

    /** Lengths that agree frame the body, and the client gets the length once (llhttp refuses a repeated one). */
    @Test
    void contentLengthsThatAgreeReachTheClientOnce() throws Exception {
        try (RawUpstream upstream = new RawUpstream((head, out) -> out.write(("HTTP/1.1 200 OK\r\nContent-Length: 5"
                     + "\r\nContent-Length: 5, 5\r\n\r\nhello").getBytes(StandardCharsets.ISO_8859_1)));
             OneModelProxy proxy = new OneModelProxy(upstream.port(), "{}")) {
            HttpResponse<String> answer = proxy.chat();
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals("hello", answer.body());
            assertEquals(List.of("5"), answer.headers().allValues("Content-Length"));
        }
    }

    /**
     * RFC 9110 §9.3.2: a HEAD answer says what a GET would; a length the upstream did not give is not
     * made up (Undertow answered Content-Length: 0), and the kept connection carries the next request.
     */
    @Test
    void aHeadAnswerWithoutALengthGetsNoneMadeUp() throws Exception {
        try (RawUpstream upstream = new RawUpstream((head, out) -> out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain"
                     + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)));
             OneModelProxy proxy = new OneModelProxy(upstream.port(), "{}");
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("HEAD /upstream/m/file HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String head = headOf(in).toLowerCase();
            assertTrue(head.startsWith("http/1.1 200 ok\r\n") && head.contains("\r\ntransfer-encoding: chunked\r\n")
                    && !head.contains("content-length"), head);
            out.write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(headOf(in).startsWith("HTTP/1.1 200 OK\r\n"), "no body was sent after the HEAD answer");
        }
    }

    /**
     * A sized answer's head waits a moment for its body, to leave with it; a server that sends its
     * head well before its body has the head reach the client before the body comes (SPEC §4).
     */
    @Test
    void aHeadWhoseBodyIsLateReachesTheClientFirst() throws Exception {
        CountDownLatch headSeen = new CountDownLatch(1);
        AtomicBoolean bodyWaitedForTheClient = new AtomicBoolean();
        try (RawUpstream upstream = new RawUpstream((head, out) -> {
                 out.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                 out.flush();
                 bodyWaitedForTheClient.set(headSeen.await(20, TimeUnit.SECONDS));
                 out.write("hello".getBytes(StandardCharsets.ISO_8859_1));
             });
             OneModelProxy proxy = new OneModelProxy(upstream.port(), "{}");
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write("GET /upstream/m/late HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            String head = headOf(socket.getInputStream());
            headSeen.countDown();
            assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n"), head);
            assertEquals("hello", new String(socket.getInputStream().readNBytes(5), StandardCharsets.ISO_8859_1));
            assertTrue(bodyWaitedForTheClient.get(), "the head came while the server held its body back");
        }
    }

    /** The bytes up to the blank line that ends a response head. */
    private static String headOf(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
