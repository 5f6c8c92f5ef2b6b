package dev.swapdeck.proxy;

import dev.swapdeck.engine.Engine;
import dev.swapdeck.routing.Route;
import dev.swapdeck.routing.RoutingException;
import dev.swapdeck.routing.Upstreams;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code /upstream/<model>/<path>}, any method: forwards {@code /<path>} and the query as they are to
 * the model's upstream, with the body streamed through unread. Model ids may contain {@code /}
 * (as llama-swap allows): the shortest leading run of path segments that names a model wins.
 */
final class UpstreamPathHandler implements HttpHandler {
    static final String PREFIX = "/upstream/";

    private final Engine engine;
    private final Forwarder forwarder;
    private final long maxBodyBytes;

    UpstreamPathHandler(Engine engine, Forwarder forwarder, long maxBodyBytes) {
        this.engine = engine;
        this.forwarder = forwarder;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (BodyLimit.refuseEarly(exchange, engine, maxBodyBytes)) {
            return;
        }
        String path = rawPath(exchange);
        String[] segments = path.substring(PREFIX.length()).split("/", -1);
        Upstreams upstreams = engine.upstreams();
        RoutingException unknown = null;
        for (int taken = 1; taken <= segments.length; taken++) {
            String name = decode(String.join("/", Arrays.copyOfRange(segments, 0, taken)));
            if (name.isEmpty()) {
                break;
            }
            Route route;
            try {
                route = upstreams.resolve(name);
            } catch (RoutingException e) {
                if (e.kind() != RoutingException.Kind.UNKNOWN_MODEL) {
                    ApiError.from(e).send(exchange, engine.logs(), null);
                    return;
                }
                unknown = unknown == null ? e : unknown;
                continue;
            }
            upstreams = ActivityTap.install(exchange, engine.activity(), upstreams, route);
            String rest = "/" + String.join("/", Arrays.copyOfRange(segments, taken, segments.length));
            exchange.setRequestURI(rest);
            forwarder.forward(exchange, upstreams, route, false);
            return;
        }
        if (unknown == null) {
            ApiError.missingModel().send(exchange, engine.logs(), null);
        } else {
            ApiError.from(unknown).send(exchange, engine.logs(), null);
        }
    }

    /** The request path as the client encoded it, without scheme and host. */
    private static String rawPath(HttpServerExchange exchange) {
        String uri = exchange.getRequestURI();
        if (exchange.isHostIncludedInRequestURI()) {
            int scheme = uri.indexOf("//");
            int slash = scheme < 0 ? -1 : uri.indexOf('/', scheme + 2);
            uri = slash < 0 ? "/" : uri.substring(slash);
        }
        return uri;
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
