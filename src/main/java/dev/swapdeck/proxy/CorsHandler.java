package dev.swapdeck.proxy;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.regex.Pattern;

/**
 * Lets browser-based chat apps on another local origin call Swapdeck, as llama-swap does: every
 * {@code OPTIONS} is answered as a permissive CORS preflight, and a response to a request that came
 * with an {@code Origin} gets {@code Access-Control-Allow-Origin: *} unless the upstream already set
 * its own (two values would make the browser refuse the response).
 */
final class CorsHandler implements HttpHandler {
    private static final HttpString ORIGIN = new HttpString("Origin");
    private static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
    private static final HttpString ALLOW_METHODS = new HttpString("Access-Control-Allow-Methods");
    private static final HttpString ALLOW_HEADERS = new HttpString("Access-Control-Allow-Headers");
    private static final HttpString MAX_AGE = new HttpString("Access-Control-Max-Age");
    private static final HttpString REQUEST_HEADERS = new HttpString("Access-Control-Request-Headers");
    private static final String DEFAULT_HEADERS = "Content-Type, Authorization, Accept, X-Requested-With";
    /** Header names, commas and spaces only: anything else is not echoed back. */
    private static final Pattern HEADER_LIST = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~, -]{1,1024}");

    private final HttpHandler next;

    CorsHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.getRequestMethod().equals(Methods.OPTIONS)) {
            String requested = exchange.getRequestHeaders().getFirst(REQUEST_HEADERS);
            exchange.setStatusCode(204);
            exchange.getResponseHeaders()
                    .put(ALLOW_ORIGIN, "*")
                    .put(ALLOW_METHODS, "GET, POST, PUT, PATCH, DELETE, OPTIONS")
                    .put(ALLOW_HEADERS, requested != null && HEADER_LIST.matcher(requested).matches()
                            ? requested : DEFAULT_HEADERS)
                    .put(MAX_AGE, "86400");
            exchange.endExchange();
            return;
        }
        if (exchange.getRequestHeaders().contains(ORIGIN)) {
            exchange.addResponseCommitListener(committing -> {
                if (!committing.getResponseHeaders().contains(ALLOW_ORIGIN)) {
                    committing.getResponseHeaders().put(ALLOW_ORIGIN, "*");
                }
            });
        }
        next.handleRequest(exchange);
    }
}
