package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.logging.LibraryLogBridge;
import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.logging.LogLine;
import dev.swapdeck.testing.RawHttp;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A request Undertow's parser refuses never reaches a route: it answers an empty 400 and closes.
 * The proxy log still says so, and why, so that the user can tell a client's malformed URL from a
 * fault of Swapdeck's.
 */
class UnparsableRequestTest {
    private final ProxyFixture proxy = ProxyFixture.start();

    @AfterEach
    void stop() {
        proxy.close();
        LogManager.getLogManager().reset();
    }

    @Test
    void aMalformedPercentEscapeIsRefusedAndLogged() throws Exception {
        LibraryLogBridge.install(proxy.engine.logs);
        RawHttp.Response refused = RawHttp.withHost(proxy.base.getPort(), "GET", "/v1/models?discount=100%", "127.0.0.1");

        assertEquals(400, refused.status(), refused.text());
        LogLine warning = awaitLine("could not be read");
        assertEquals(LogLevel.WARN, warning.level());
        assertTrue(warning.text().contains("a % in the URL must be followed by two hex digits"), warning.text());
    }

    @Test
    void anHttp2ClientWithPriorKnowledgeIsToldToSpeakHttp11() throws Exception {
        LibraryLogBridge.install(proxy.engine.logs);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.base.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        }
        String warning = awaitLine("could not be read").text();
        assertTrue(warning.contains("HTTP/2 without asking to upgrade"), warning);
        assertFalse(warning.contains("%"), warning);
    }

    @Test
    void aMalformedHeaderLineIsNamedAsSuch() throws Exception {
        LibraryLogBridge.install(proxy.engine.logs);
        RawHttp.Response refused = RawHttp.withHeaders(proxy.base.getPort(), "GET", "/v1/models", "127.0.0.1",
                "X Broken: yes");

        assertEquals(400, refused.status(), refused.text());
        String warning = awaitLine("could not be read").text();
        assertTrue(warning.contains("a header line is malformed"), warning);
    }

    @Test
    void aWellEscapedPercentIsServedWithoutAWarning() throws Exception {
        LibraryLogBridge.install(proxy.engine.logs);
        RawHttp.Response served = RawHttp.withHost(proxy.base.getPort(), "GET", "/v1/models?discount=100%25", "127.0.0.1");

        assertEquals(200, served.status(), served.text());
        Thread.sleep(200);
        assertEquals(List.of(), lines("could not be read"));
    }

    private LogLine awaitLine(String fragment) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (Instant.now().isBefore(deadline)) {
            List<LogLine> found = lines(fragment);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no proxy log line with \"" + fragment + "\" in " + proxy.engine.logs.proxyHistory());
    }

    private List<LogLine> lines(String fragment) {
        return proxy.engine.logs.proxyHistory().stream().filter(line -> line.text().contains(fragment)).toList();
    }
}
