package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.logging.LogLine;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.RawHttp;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The debug line each forwarded request leaves in the proxy log says how it ended. */
class RequestLogLineTest {

    @Test
    void aRequestWhoseClientLeftBeforeAnyAnswerIsNotLoggedAs200() throws Exception {
        try (ServerSocket mute = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
             OneModelProxy proxy = new OneModelProxy(mute.getLocalPort(), "{connect: 5}")) {
            Socket client = RawHttp.open(proxy.port(), "POST", "/v1/chat/completions", "{\"model\":\"m\"}", false);
            try (Socket taken = mute.accept()) {
                taken.getInputStream().read(); // the request reached the upstream, which never answers
                client.close();
                Await.until("the request's line", Duration.ofSeconds(20), () -> lines(proxy).stream()
                        .anyMatch(line -> line.text().startsWith("POST /v1/chat/completions -> ")));
            }
            List<LogLine> lines = lines(proxy);
            assertTrue(lines.stream().anyMatch(l -> l.text().contains("-> no answer, the connection closed")),
                    lines.toString());
            assertFalse(lines.stream().anyMatch(l -> l.text().contains("-> 200")), lines.toString());
        }
    }

    private static List<LogLine> lines(OneModelProxy proxy) {
        return proxy.engine.logs.proxyHistory();
    }
}
