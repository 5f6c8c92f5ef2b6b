package dev.swapdeck.proxy;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.Optional;
import java.util.function.Function;

/**
 * A plain {@code OPTIONS} (not a browser's preflight, which {@link OriginPolicy} answers) on a route is
 * answered 204 with {@code Allow} naming the methods that route answers, as its 405 does; under
 * {@code /upstream/}, which forwards every method, it is forwarded, and on a path with no route it is
 * the 404 any method gets. It sits behind the API-key check: which routes exist is no answer for a
 * client without a key.
 */
final class PlainOptions implements HttpHandler {
    private static final HttpString ALLOW = new HttpString("Allow");

    private final Function<String, Optional<String>> methodsOf;
    private final HttpHandler next;

    /** {@code methodsOf}: the methods a path's route answers; empty for a path with no route. */
    PlainOptions(Function<String, Optional<String>> methodsOf, HttpHandler next) {
        this.methodsOf = methodsOf;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        Optional<String> methods = exchange.getRequestMethod().equals(Methods.OPTIONS)
                && !exchange.getRequestPath().startsWith(UpstreamPathHandler.PREFIX)
                ? methodsOf.apply(exchange.getRequestPath()) : Optional.empty();
        if (methods.isPresent()) {
            exchange.setStatusCode(204);
            exchange.getResponseHeaders().put(ALLOW, methods.get() + ", OPTIONS");
            exchange.endExchange();
            return;
        }
        next.handleRequest(exchange);
    }
}
