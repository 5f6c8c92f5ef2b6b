package dev.swapdeck.ui.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.swapdeck.testing.Await;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The playground opens its connection to the proxy when its view is first shown, so that the first
 * Send is timed from a warm client: a real loopback server records what reaches it, and from which
 * client port.
 */
class PlaygroundPrepareTest {
    private static final Duration SOON = Duration.ofSeconds(10);
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private PlaygroundViewModel playground;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/models", exchange -> answer(exchange, "application/json", "{\"data\":[]}"));
        server.createContext("/v1/chat/completions", exchange -> answer(exchange, "text/event-stream",
                "data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\ndata: [DONE]\n\n"));
        server.start();
        playground = new PlaygroundViewModel(() -> "http://127.0.0.1:" + server.getAddress().getPort() + "/v1", Runnable::run);
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void theFirstSendGoesOverTheConnectionOpenedWhenTheViewWasShown() throws Exception {
        playground.prepare().get(SOON.toSeconds(), TimeUnit.SECONDS);
        assertEquals(1, seen.size(), "the warm-up request: " + seen);

        playground.targetProperty().set("demo-fast");
        playground.send();
        Await.until(() -> "the answer: " + playground.statsProperty().get(), SOON, () -> !playground.runningProperty().get());

        assertEquals(2, seen.size(), seen.toString());
        assertEquals("GET /v1/models", seen.get(0).substring(seen.get(0).indexOf(' ') + 1));
        assertEquals("POST /v1/chat/completions", seen.get(1).substring(seen.get(1).indexOf(' ') + 1));
        assertEquals(port(seen.get(0)), port(seen.get(1)), "one kept connection: " + seen);
        assertEquals("hi", playground.answer());
    }

    private void answer(HttpExchange exchange, String type, String body) throws IOException {
        seen.add(exchange.getRemoteAddress().getPort() + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
        exchange.getRequestBody().readAllBytes();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String port(String line) {
        return line.substring(0, line.indexOf(' '));
    }
}
