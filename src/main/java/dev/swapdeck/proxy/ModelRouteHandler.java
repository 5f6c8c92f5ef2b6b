package dev.swapdeck.proxy;

import dev.swapdeck.engine.Engine;
import dev.swapdeck.routing.Route;
import dev.swapdeck.routing.Upstreams;
import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.Optional;
import java.util.function.Function;

/**
 * The OpenAI-style POST routes (SPEC §6): reads the body once without blocking, bounded by the body
 * limit and the global {@link BodyBudget} ({@link BoundedBodyReader}, on the IO thread); then finds
 * the model where llama-swap finds it ({@link RequestModel}: the JSON or form {@code model} field, or
 * the URL's), applies llama-swap's request filters ({@link BodyEdits}) and forwards the request from
 * the IO thread. A body of up to
 * {@link #PARSE_IN_PLACE_BYTES} is parsed where it was read; a larger one on a worker thread, so that
 * parsing it never stalls the IO thread's other streams, and is handed back to the IO thread after.
 * Requests go to the upstream under the same path and query ({@link #upstreamPath} drops the prefixes
 * llama-swap drops).
 */
final class ModelRouteHandler implements HttpHandler {
    /**
     * Bodies up to this size are parsed on the IO thread that read them: a chat's JSON parses in
     * microseconds, less than the two thread hand-offs a worker costs (measured: +0.115 ms p50 added
     * with them on every request, against nginx's +0.058 ms).
     */
    static final int PARSE_IN_PLACE_BYTES = 64 * 1024;
    private static final String VERSIONLESS = "/v/";
    private static final String AUDIO_API = "/audioapi/";

    private final Engine engine;
    private final Forwarder forwarder;
    private final RequestBodies bodies;

    ModelRouteHandler(Engine engine, Forwarder forwarder, RequestBodies bodies) {
        this.engine = engine;
        this.forwarder = forwarder;
        this.bodies = bodies;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (bodies.refuseEarly(exchange, engine)) {
            return;
        }
        String encoding = exchange.getRequestHeaders().getFirst(Headers.CONTENT_ENCODING);
        if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            // the body is read to find its model: compressed, it would fail as JSON with a puzzling message
            ActivityTap.refused(exchange, engine.activity(), "");
            ApiError.unsupportedEncoding(encoding.trim()).send(exchange, engine.logs(), null);
            return;
        }
        bodies.read(exchange, this::received, (ex, error) -> {
            ActivityTap.refused(ex, engine.activity(), "");
            error.send(ex, engine.logs(), null);
        });
    }

    /** Parsing and rewriting cost time proportional to the body: a large one is never parsed on the IO thread. */
    private void received(HttpServerExchange exchange, BufferedBody body) {
        if (body.length() <= PARSE_IN_PLACE_BYTES) {
            Connectors.executeRootHandler(ex -> route(ex, body), exchange);
        } else {
            exchange.dispatch(exchange.getConnection().getWorker(), ex -> route(ex, body));
        }
    }

    private void route(HttpServerExchange exchange, BufferedBody received) {
        // a body read with a declared length is one array already; a chunked one is joined here
        byte[] body = received.bytes();
        RequestModel named;
        try {
            named = RequestModel.of(exchange, body);
        } catch (BadBodyException e) {
            ActivityTap.refused(exchange, engine.activity(), "");
            ApiError.badRequest(e.getMessage()).send(exchange, engine.logs(), null);
            return;
        }
        Upstreams upstreams = engine.upstreams();
        Optional<Route> found = NamedRoute.of(exchange, engine, upstreams, named.name());
        if (found.isEmpty()) {
            return;
        }
        Route route = found.get();
        boolean stream = named.stream();
        String query = exchange.getQueryString();
        Function<Route, BufferedBody> bodyFor = served -> {
            byte[] rewritten = named.forwarded(body, served, exchange, query);
            return rewritten == body ? received : BufferedBody.of(rewritten);
        };
        BufferedBody forwarded;
        try {
            forwarded = bodyFor.apply(route);
        } catch (BadBodyException e) {
            ActivityTap.install(exchange, engine.activity(), upstreams, route, stream);
            ApiError.badRequest(e.getMessage()).send(exchange, engine.logs(), route.modelId());
            return;
        }
        String upstreamPath = upstreamPath(exchange.getRequestPath());
        if (!upstreamPath.equals(exchange.getRequestPath())) {
            exchange.setRequestURI(upstreamPath, false);
        }
        Upstreams observed = LoadingStream.install(exchange, engine,
                ActivityTap.install(exchange, engine.activity(), upstreams, route, stream), route, stream);
        if (exchange.isInIoThread()) {
            forwarder.forward(exchange, observed, route, forwarded, bodyFor);
        } else {
            exchange.dispatch(exchange.getIoThread(), ex -> forwarder.forward(ex, observed, route, forwarded, bodyFor));
        }
    }

    /**
     * The path the upstream gets: the request's, less llama-swap's {@code /v} of its versionless
     * routes ({@code /v/chat/completions} goes to {@code /chat/completions}) and the {@code /audioapi}
     * that tells audio.cpp's task routes apart.
     */
    static String upstreamPath(String path) {
        if (path.startsWith(VERSIONLESS)) {
            return path.substring(VERSIONLESS.length() - 1);
        }
        return path.startsWith(AUDIO_API) ? path.substring(AUDIO_API.length() - 1) : path;
    }
}
