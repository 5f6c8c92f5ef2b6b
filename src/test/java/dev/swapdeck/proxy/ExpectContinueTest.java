package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Expect: 100-continue} (curl sends it for bodies over 1 MiB) is answered on every route that
 * takes a model's body, and a body refused before it was invited leaves no bytes to be misread.
 */
class ExpectContinueTest {
    private static final String BODY = "{\"model\":\"alpha\"}";

    @ParameterizedTest
    @ValueSource(strings = {"/v1/chat/completions", "/upstream/alpha/v1/chat/completions"})
    void aClientThatExpectsContinueIsInvitedToSendItsBody(String path) throws Exception {
        try (ProxyFixture proxy = new ProxyFixture();
             Socket socket = connect(proxy)) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(head(proxy, path, BODY.length()));
            assertEquals("HTTP/1.1 100 Continue", readHead(in).split("\r\n")[0], "invited before it sends");
            out.write(BODY.getBytes(StandardCharsets.UTF_8));
            assertEquals("HTTP/1.1 200 OK", readHead(in).split("\r\n")[0]);
        }
    }

    /** Refused before the body was invited: the connection closes, so no next request is read as body. */
    @ParameterizedTest
    @ValueSource(strings = {"/v1/chat/completions", "/upstream/alpha/v1/chat/completions"})
    void aBodyOverTheLimitRefusedBeforeItCameClosesTheConnection(String path) throws Exception {
        try (ProxyFixture proxy = new ProxyFixture();
             Socket socket = connect(proxy)) {
            socket.getOutputStream().write(head(proxy, path, 1024L * 1024 * 1024));
            String answer = readHead(socket.getInputStream()).toLowerCase(Locale.ROOT);
            assertTrue(answer.startsWith("http/1.1 413"), answer);
            assertTrue(answer.contains("\r\nconnection: close\r\n"), answer);
        }
    }

    private static Socket connect(ProxyFixture proxy) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.base.getPort());
        socket.setSoTimeout(10_000); // a proxy that never invites the body would leave the client waiting for good
        return socket;
    }

    private static byte[] head(ProxyFixture proxy, String path, long length) {
        return ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + proxy.base.getPort()
                + "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: " + length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** One response head, through its blank line. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed before a whole head: " + head);
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
