package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swapdeck.testing.RawUpstream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request targets as browsers and curl send them, which the JDK's client cannot: {@code | ^ { } `}
 * unescaped (a browser leaves them so in a query), raw UTF-8 (curl). llama-server and Go's server
 * (llama-swap's) take them; Undertow refused them with an empty 400 by default. They reach the
 * upstream byte for byte.
 */
class RequestTargetsTest {
    private final BlockingQueue<String> heads = new LinkedBlockingQueue<>();
    private RawUpstream upstream;
    private OneModelProxy proxy;

    @BeforeEach
    void start() throws Exception {
        upstream = new RawUpstream((head, out) -> {
            heads.add(head);
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
                    .getBytes(StandardCharsets.ISO_8859_1));
        });
        proxy = new OneModelProxy(upstream.port(), "{}");
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        upstream.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/props?model=m&filter=a|b^{c}`d", "/props?model=m&q=ëcho%20x+y", "/props?model=%6D",
            "/upstream/m/slots|x?q=ä", "/upstream/m/pä", "/upstream/m/p%C3%A4th%2Fq"})
    void aTargetReachesTheUpstreamAsItCame(String target) throws Exception {
        String forwarded = target.startsWith("/upstream/m") ? target.substring("/upstream/m".length()) : target;
        assertEquals("HTTP/1.1 200 OK", statusLine(target));
        String head = heads.poll(10, TimeUnit.SECONDS);
        String requestLine = head.substring(0, head.indexOf("\r\n"));
        assertEquals("GET " + forwarded + " HTTP/1.1",
                new String(requestLine.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    /** RFC 9112 §3.2.2: a server accepts a target in absolute form; its path goes on as it came. */
    @ParameterizedTest
    @ValueSource(strings = {"GET /upstream/m/echo/abs?x=1", "GET /upstream/m/echo//a/b", "GET /props?model=m",
            "POST /v/chat/completions"})
    void aTargetInAbsoluteFormReachesTheUpstreamAsItsPath(String request) throws Exception {
        String method = request.substring(0, request.indexOf(' '));
        String path = request.substring(method.length() + 1);
        String forwarded = path.startsWith("/upstream/m") ? path.substring("/upstream/m".length())
                : path.replace("/v/", "/");
        assertEquals("HTTP/1.1 200 OK", statusLine(method, "http://127.0.0.1:" + proxy.port() + path));
        String head = heads.poll(10, TimeUnit.SECONDS);
        assertEquals(method + " " + forwarded + " HTTP/1.1", head.substring(0, head.indexOf("\r\n")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/props?model=ḿ", "/upstream/ḿ/props"})
    void aModelNamedInRawUtf8IsReadAsUtf8(String target) throws Exception {
        assertEquals("HTTP/1.1 404 Not Found", statusLine(target), "no model 'ḿ' (read as UTF-8, not byte by byte)");
    }

    private String statusLine(String target) throws IOException {
        return statusLine("GET", target);
    }

    /** Sends {@code target} in UTF-8, unescaped (a POST with a chat for m), and returns the answer's status line. */
    private String statusLine(String method, String target) throws IOException {
        String body = method.equals("POST") ? "{\"model\":\"m\"}" : "";
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            socket.getOutputStream().write((method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + proxy.port()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0 && b != '\r'; b = in.read()) {
                line.write(b);
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
