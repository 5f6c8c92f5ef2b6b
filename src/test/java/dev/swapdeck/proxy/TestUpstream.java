package dev.swapdeck.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP upstream on loopback for the proxy tests. It records every request and answers by the
 * request's headers: {@code X-Test-Status} (default 200), {@code X-Test-Chunks} and
 * {@code X-Test-Pace-Ms} (an SSE stream of that many chunks), {@code X-Test-Body} (that text as the
 * body), otherwise a JSON echo of the request.
 */
final class TestUpstream implements AutoCloseable {
    static {
        // Without it the JDK server delays every keep-alive response by ~40 ms (Nagle + delayed ACK).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** {@code clientPort}: the proxy's end of the connection the request came on. */
    record Received(String method, String uri, Map<String, List<String>> headers, byte[] body, int clientPort) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    final AtomicInteger streamsAborted = new AtomicInteger();
    final AtomicInteger streamsCompleted = new AtomicInteger();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    TestUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    Received next() throws InterruptedException {
        Received request = received.poll(10, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("the upstream received no request");
        }
        return request;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                Map.copyOf(exchange.getRequestHeaders()), body, exchange.getRemoteAddress().getPort()));
        int status = intHeader(exchange, "X-Test-Status", 200);
        int chunks = intHeader(exchange, "X-Test-Chunks", 0);
        if (chunks > 0) {
            stream(exchange, status, chunks, intHeader(exchange, "X-Test-Pace-Ms", 50));
            return;
        }
        String given = exchange.getRequestHeaders().getFirst("X-Test-Body");
        String echo = given != null ? given : "{\"method\":\"" + exchange.getRequestMethod() + "\",\"uri\":\""
                + exchange.getRequestURI() + "\",\"length\":" + body.length + "}";
        byte[] bytes = echo.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("X-Upstream", "test");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void stream(HttpExchange exchange, int status, int chunks, int paceMillis) {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(status, 0);
            for (int i = 0; i < chunks; i++) {
                out.write(("data: chunk " + i + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(paceMillis);
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            streamsCompleted.incrementAndGet();
        } catch (IOException e) {
            streamsAborted.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private static int intHeader(HttpExchange exchange, String name, int fallback) {
        String value = exchange.getRequestHeaders().getFirst(name);
        return value == null ? fallback : Integer.parseInt(value);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
