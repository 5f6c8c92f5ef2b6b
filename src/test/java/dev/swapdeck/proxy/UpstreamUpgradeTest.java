package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket handshake through {@code /upstream/<model>/...} reaches the upstream as a handshake, and
 * once it answers 101 the bytes flow both ways, as llama-swap's reverse proxy relays them.
 */
class UpstreamUpgradeTest {

    @Test
    void aHandshakeIsRelayedAndTheUpgradedConnectionCarriesBytesBothWays() throws Exception {
        try (ServerSocket upstream = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             OneModelProxy proxy = new OneModelProxy(upstream.getLocalPort(), "{}")) {
            Thread server = new Thread(() -> answerHandshakeThenEcho(upstream), "ws-upstream");
            server.setDaemon(true);
            server.start();
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                client.setSoTimeout(10_000);
                OutputStream out = client.getOutputStream();
                out.write(("GET /upstream/m/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                InputStream in = client.getInputStream();
                String head = head(in);
                assertTrue(head.startsWith("HTTP/1.1 101"), head);

                out.write("ping".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                assertEquals("ping", new String(in.readNBytes(4), StandardCharsets.ISO_8859_1));
            }
        }
    }

    /** Answers 101 only to a real handshake (426 otherwise, as WebSocket servers do), then echoes. */
    private static void answerHandshakeThenEcho(ServerSocket upstream) {
        try (Socket socket = upstream.accept()) {
            InputStream in = socket.getInputStream();
            String head = head(in).toLowerCase(Locale.ROOT);
            OutputStream out = socket.getOutputStream();
            if (!head.contains("\r\nupgrade: websocket") || !head.contains("\r\nconnection: upgrade")) {
                out.write("HTTP/1.1 426 Upgrade Required\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            byte[] echo = in.readNBytes(4);
            out.write(echo);
            out.flush();
            in.read(); // until the client goes
        } catch (IOException e) {
            // the test has ended
        }
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
