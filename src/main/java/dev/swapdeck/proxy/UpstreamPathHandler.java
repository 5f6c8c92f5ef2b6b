package dev.swapdeck.proxy;

import dev.swapdeck.engine.Engine;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.routing.Route;
import dev.swapdeck.routing.RoutingException;
import dev.swapdeck.routing.Upstreams;
import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * {@code /upstream/<model>/<path>}, any method: forwards {@code /<path>} and the query as they are to
 * the model's upstream, with the body read first within the body limit (so a body past it is a 413
 * before the model is started) and sent on unchanged. Model ids may contain {@code /}
 * (as llama-swap allows): the longest leading run of path segments that names a model wins, as in
 * llama-swap. A path that matches {@code upstream.ignorePaths} (by default static assets a browser
 * asks for) never starts a model: while the model is not ready it gets 409.
 */
final class UpstreamPathHandler implements HttpHandler {
    static final String PREFIX = "/upstream/";
    private static final Pattern DOT = Pattern.compile("%2[eE]");
    private static final Pattern SLASH = Pattern.compile("%2[fF]|%5[cC]|\\\\");

    private final Engine engine;
    private final Forwarder forwarder;
    private final RequestBodies bodies;

    UpstreamPathHandler(Engine engine, Forwarder forwarder, RequestBodies bodies) {
        this.engine = engine;
        this.forwarder = forwarder;
        this.bodies = bodies;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (bodies.refuseEarly(exchange, engine)) {
            return;
        }
        String path = ModelInPath.rawPath(exchange);
        // as llama-swap, empty segments before the name are passed over: /upstream//m/x is m's /x
        String[] segments = path.substring(PREFIX.length()).replaceFirst("^/+", "").split("/", -1);
        Upstreams upstreams = engine.upstreams();
        RoutingException unknown = null;
        Route route = null;
        int routeLength = 0;
        for (int taken = 1; taken <= segments.length; taken++) {
            String name = ModelInPath.decode(String.join("/", Arrays.copyOfRange(segments, 0, taken)));
            if (name.isEmpty()) {
                break;
            }
            try {
                route = upstreams.resolve(name);
                routeLength = taken;
            } catch (RoutingException e) {
                if (e.kind() != RoutingException.Kind.UNKNOWN_MODEL) {
                    ActivityTap.refused(exchange, engine.activity(), name);
                    ApiError.from(e).send(exchange, engine.logs(), null);
                    return;
                }
                unknown = unknown == null ? e : unknown;
            }
        }
        if (route == null) {
            ActivityTap.refused(exchange, engine.activity(), ModelInPath.decode(segments[0]));
            (unknown == null ? ApiError.missingModel("name it in the path, /upstream/<model>/<path>")
                    : ApiError.from(unknown)).send(exchange, engine.logs(), null);
            return;
        }
        if (routeLength == segments.length) {
            redirectToFolder(exchange, path);
            return;
        }
        String rest = "/" + String.join("/", Arrays.copyOfRange(segments, routeLength, segments.length));
        Upstreams tapped = ActivityTap.install(exchange, engine.activity(), upstreams, route);
        if (reachesPeersControl(route, rest)) {
            ApiError.forbidden("peer_control_route", "/upstream/ forwards only model routes (/v1/..., /completion, "
                    + "/props, /health, ...), without . or .. segments, to a peer: " + pathOf(rest) + " could reach "
                    + route.modelId() + "'s server's own controls with the peer's apiKey")
                    .send(exchange, engine.logs(), route.modelId());
            return;
        }
        if (mayNotStart(route, rest)) {
            ApiError.notLoaded(route.modelId(), rest).send(exchange, engine.logs(), route.modelId());
            return;
        }
        exchange.setRequestURI(rest, false);
        if (!Forwarder.hasBody(exchange) || UpgradeRequest.asked(exchange)) {
            forwarder.forward(exchange, tapped, route, false);
            return;
        }
        // read before the model is asked for: a body past the limit gets its 413 without starting anything
        Route to = route;
        bodies.read(exchange,
                (ex, body) -> Connectors.executeRootHandler(read -> forwarder.forward(read, tapped, to, body), ex),
                (ex, error) -> error.send(ex, engine.logs(), to.modelId()));
    }

    /**
     * {@code /upstream/<model>} becomes {@code /upstream/<model>/}, as llama-swap answers, so the
     * relative links of an upstream's own web page resolve: 301 for GET and HEAD, 308 otherwise.
     */
    private static void redirectToFolder(HttpServerExchange exchange, String path) {
        String query = exchange.getQueryString();
        boolean safe = exchange.getRequestMethod().equals(Methods.GET) || exchange.getRequestMethod().equals(Methods.HEAD);
        exchange.setStatusCode(safe ? StatusCodes.MOVED_PERMANENTLY : StatusCodes.PERMANENT_REDIRECT);
        exchange.getResponseHeaders().put(Headers.LOCATION, path + "/" + (query == null || query.isEmpty() ? "" : "?" + query));
        exchange.endExchange();
    }

    /**
     * Whether {@code rest} is a control route on a peer: a peer is often another Swapdeck or llama-swap,
     * and the request goes with the peer's {@code apiKey}, so a client of this server could otherwise
     * shut that one down, unload its models or read its logs.
     */
    private static boolean reachesPeersControl(Route route, String rest) {
        String path = pathOf(rest);
        return route.model().extras().isRemote() && (RouteKind.of(path) == RouteKind.CONTROL || mayClimb(path));
    }

    /**
     * Whether a server, or a proxy before it, that resolves dot segments or decodes an escaped slash could
     * read {@code path} as another route ({@code /v1/../api/shutdown}, {@code /v1/..%2fapi/shutdown}).
     */
    private static boolean mayClimb(String path) {
        String decoded = DOT.matcher(SLASH.matcher(path).replaceAll("/")).replaceAll(".");
        return Arrays.stream(decoded.split("/")).anyMatch(segment -> segment.equals(".") || segment.equals(".."));
    }

    private static String pathOf(String rest) {
        int query = rest.indexOf('?');
        return query < 0 ? rest : rest.substring(0, query);
    }

    /** Whether the path is ignored and the (local) model is not ready, so forwarding would start it. */
    private boolean mayNotStart(Route route, String rest) {
        String path = pathOf(rest);
        if (route.model().extras().isRemote() || !engine.config().extras().ignored(path)) {
            return false;
        }
        return engine.models().stream().noneMatch(m -> m.id().equals(route.modelId())
                && m.process().state() == ProcessState.READY);
    }
}
