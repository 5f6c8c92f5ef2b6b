package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9112 §9.6: a request whose Connection options include close is the connection's last. */
class ConnectionCloseTest {
    @AutoClose
    private final ProxyFixture proxy = ProxyFixture.start();

    @ParameterizedTest
    @ValueSource(strings = {"close", "keep-alive, close", "close, x-foo", "keep-alive\r\nConnection: close"})
    void theConnectionClosesAfterTheAnswer(String options) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: " + options
                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            // all until the server closes (a kept connection would run into the socket's timeout instead)
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer);
            assertTrue(answer.toLowerCase().contains("\r\nconnection: close\r\n"), answer);
            assertEquals("OK", answer.substring(answer.indexOf("\r\n\r\n") + 4).strip(), "then the end of the stream");
        }
    }
}
