package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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
}
