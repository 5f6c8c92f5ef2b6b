package dev.swapdeck.proxy;

import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The exact routes and the methods each answers, so that a wrong method gets its 405 with the
 * {@code Allow} header RFC 9110 asks for and a message naming the right method. Built once, on one
 * thread, before the server starts; read only after.
 */
final class MethodTable {
    private final RoutingHandler routes = Handlers.routing();
    private final Map<String, Set<String>> allowed = new HashMap<>();

    MethodTable add(HttpString method, String path, HttpHandler handler) {
        routes.add(method, path, handler);
        allowed.computeIfAbsent(path, p -> new TreeSet<>()).add(method.toString());
        return this;
    }

    MethodTable get(String path, HttpHandler handler) {
        return add(Methods.GET, path, handler);
    }

    /**
     * GET, and HEAD too, as llama-swap's and llama-server's GET routes answer it: uptime monitors ask
     * with HEAD. Swapdeck's own answers are sent as headers without their body (Undertow does that);
     * a forwarded route forwards the HEAD, and like its GET may start the model. Only for routes whose
     * answer ends and changes nothing else.
     */
    MethodTable getOrHead(String path, HttpHandler handler) {
        return get(path, handler).add(Methods.HEAD, path, handler);
    }

    MethodTable post(String path, HttpHandler handler) {
        return add(Methods.POST, path, handler);
    }

    MethodTable put(String path, HttpHandler handler) {
        return add(Methods.PUT, path, handler);
    }

    /** The methods {@code path} answers, comma-separated; empty for a path the table does not have. */
    Optional<String> methods(String path) {
        Set<String> methods = allowed.get(path);
        return methods == null ? Optional.empty() : Optional.of(String.join(", ", methods));
    }

    /** The table as a handler; paths it does not know go to {@code fallback}. */
    RoutingHandler handler(HttpHandler fallback) {
        return routes.setInvalidMethodHandler(exchange -> refuse(exchange, methods(exchange.getRequestPath()).orElse("")))
                .setFallbackHandler(fallback);
    }

    /** 405 for a path that answers only {@code allow} (methods, comma-separated). */
    static void refuse(HttpServerExchange exchange, String allow) {
        exchange.getResponseHeaders().put(Headers.ALLOW, allow);
        ApiError.methodNotAllowed(exchange.getRequestMethod().toString(), exchange.getRequestPath(), allow)
                .send(exchange, ProxyRoutes.NO_LOG, null);
    }
}
