package dev.swapdeck.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Dispatches on exact method and path (the JDK server's contexts match prefixes, which would send
 * {@code /healthz} to the health handler). Everything unknown goes to the echo handler, so any
 * endpoint Swapdeck forwards (embeddings, transcriptions, {@code /upstream/...}) gets a useful answer.
 */
final class DemoRoutes implements HttpHandler {
    private final DemoOptions options;
    private volatile long startNanos = System.nanoTime();
    private final CompletionHandler completions;
    private final EchoHandler echo;

    DemoRoutes(DemoOptions options) {
        this.options = options;
        this.completions = new CompletionHandler(options);
        this.echo = new EchoHandler(options.model());
    }

    /** Starts the health delay's clock: called as the server starts, just before the listening line. */
    void listening() {
        startNanos = System.nanoTime();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            if (origin != null) {
                // as llama-server does, so a proxy in front must not add a second value
                exchange.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
            }
            if ("GET".equals(method) && "/health".equals(path)) {
                health(exchange);
            } else if ("GET".equals(method) && "/v1/models".equals(path)) {
                System.out.println("request GET /v1/models");
                Replies.json(exchange, 200, Replies.models(options.model()));
            } else if ("POST".equals(method) && CompletionHandler.handles(path)) {
                completions.handle(exchange, path);
            } else {
                echo.handle(exchange);
            }
        }
    }

    private void health(HttpExchange exchange) throws IOException {
        long sinceStart = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        if (options.neverHealthy() || sinceStart < options.healthDelayMs()) {
            Replies.json(exchange, 503, Replies.status("loading model"));
        } else {
            Replies.json(exchange, 200, Replies.status("ok"));
        }
    }
}
