package dev.swapdeck.proxy;

import dev.swapdeck.engine.Engine;
import dev.swapdeck.logging.ProxyLog;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.ExceptionHandler;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The route table of SPEC §6, composed from small handlers: exact routes in a {@link RoutingHandler},
 * and a fallback for the routes that end in a model name (which may contain {@code /}) or forward a
 * whole path. Anything else is a JSON 404, a known path with the wrong method a JSON 405.
 */
final class ProxyRoutes {
    /**
     * The POST routes whose body (JSON, or a multipart form) names the model: llama-swap's list, with
     * its versionless {@code /v/...} spellings and stable-diffusion.cpp's and audio.cpp's routes, and
     * the ones llama.cpp's router routes by the body's model besides (llama-server's paths without
     * {@code /v1}, its tokenizer and template routes, its token counts), which clients written for
     * llama-server call.
     */
    static final List<String> MODEL_ROUTES = List.of(
            "/v1/chat/completions", "/v1/completions", "/v1/embeddings", "/v1/responses", "/v1/messages",
            "/v1/messages/count_tokens", "/v1/rerank", "/v1/reranking", "/rerank", "/reranking", "/infill",
            "/completion", "/v1/audio/speech", "/v1/audio/transcriptions", "/v1/audio/voices",
            "/v1/images/generations", "/v1/images/edits", "/sdapi/v1/txt2img", "/sdapi/v1/img2img",
            "/audioapi/v1/tasks/run", "/v/chat/completions", "/v/responses", "/v/completions", "/v/messages",
            "/v/messages/count_tokens", "/v/embeddings", "/v/rerank", "/v/reranking",
            "/chat/completions", "/completions", "/embeddings", "/embedding", "/tokenize", "/detokenize",
            "/apply-template", "/chat/completions/input_tokens", "/v1/chat/completions/input_tokens",
            "/responses/input_tokens", "/v1/responses/input_tokens");

    private ProxyRoutes() {
    }

    /** Control routes take small JSON bodies at most; a bigger one is cut off, whatever the body limit. */
    static final long CONTROL_BODY_BYTES = 1024 * 1024;

    /**
     * The routes behind the guards of SPEC §8, outermost first: the Host check, the origin policy
     * (CORS), the API keys, then a body cap for control routes. {@code loopbackListener}: whether the
     * server listens on loopback only (the Host check applies only then); {@code listenName}: the host
     * it was told to listen on, a name the Host check admits.
     */
    static HttpHandler build(Engine engine, ProxyOptions options, LongSupplier maxBody, Forwarder forwarder,
                             FeedRegistry feeds,
                             Supplier<Instant> configLoadedAt, BodyBudget budget, boolean loopbackListener,
                             String listenName, ObservabilityApi observed) {
        RequestBodies bodies = new RequestBodies(maxBody, budget, options.limits().bodyStallTimeout());
        HttpHandler models = new ModelRouteHandler(engine, forwarder, bodies);
        StatusApi status = new StatusApi(engine, configLoadedAt);
        CommandApi commands = new CommandApi(engine);
        LogRoutes logs = new LogRoutes(engine, feeds, options);
        LlamaRouterApi llama = new LlamaRouterApi(engine, feeds, options);
        ProfilesApi profiles = new ProfilesApi(engine);
        MethodTable routes = new MethodTable();
        // answers "Expect: 100-continue" when the body is read; clients that ask would otherwise wait, and
        // an answer sent before the body was invited closes the connection, whose next bytes may be that body
        HttpHandler continuing = Handlers.httpContinueRead(models);
        MODEL_ROUTES.forEach(path -> routes.post(path, continuing));
        QueryModelHandler byQuery = new QueryModelHandler(engine, forwarder);
        QueryModelHandler.ROUTES.forEach(path -> routes.getOrHead(path, byQuery));
        routes.getOrHead("/v1/models", status::openAiModels)
                .getOrHead("/models", status::openAiModels)
                .getOrHead("/running", status::running)
                .getOrHead("/api/models", status::models)
                .getOrHead("/api/version", status::version)
                .getOrHead("/api/profiles", profiles::list)
                .put("/api/profiles/active", profiles::activate)
                .get("/unload", commands::unloadAllText)
                .post("/api/models/unload", commands::unloadAllJson)
                .post("/api/shutdown", commands::shutdown)
                .post("/api/config/reload", commands::reloadConfig)
                .getOrHead("/health", exchange -> Json.sendText(exchange, "OK"))
                // llama-swap's health route for wake-on-LAN proxies, with the same answer
                .getOrHead("/wol-health", exchange -> Json.sendText(exchange, "OK"))
                .getOrHead("/logs", logs::history)
                .get("/logs/stream", logs::streamAll)
                .get("/api/events", new EventsRoute(engine, feeds, options, status::models))
                .getOrHead("/api/activity", observed::activity)
                .getOrHead("/metrics", observed::metrics)
                .post("/models/load", llama::load)
                .post("/models/unload", llama::unload)
                .get("/models/sse", llama::events);
        PrefixRoutes prefixed = new PrefixRoutes(
                Handlers.httpContinueRead(new UpstreamPathHandler(engine, forwarder, bodies)),
                List.of(new OneMethod(LogRoutes.STREAM_PREFIX, true, Methods.GET, logs::streamOne),
                        new OneMethod(CommandApi.LOAD_PREFIX, false, Methods.POST, commands::load),
                        new OneMethod(CommandApi.UNLOAD_PREFIX, false, Methods.POST, commands::unload)));
        RoutingHandler exact = routes.handler(prefixed);
        ExceptionHandler guarded = Handlers.exceptionHandler(exact);
        guarded.addExceptionHandler(Throwable.class, exchange ->
                ApiError.internal(exchange.getAttachment(ExceptionHandler.THROWABLE))
                        .send(exchange, engine.logs(), null));
        HttpHandler capped = exchange -> {
            if (RouteKind.of(exchange.getRequestPath()) == RouteKind.CONTROL) {
                BodyCap.apply(exchange, CONTROL_BODY_BYTES, CONTROL_BODY_BYTES);
            } else {
                // the model routes' reader stops at the limit + 1 byte and answers 413 itself
                BodyCap.apply(exchange, maxBody.getAsLong(), maxBody.getAsLong() + 1);
            }
            guarded.handleRequest(exchange);
        };
        HttpHandler checked = new HostCheck(engine, loopbackListener, listenName,
                new OriginPolicy(engine, loopbackListener, new ApiKeyCheck(engine,
                        new PlainOptions(path -> routes.methods(path).or(() -> prefixed.methodOf(path)), capped))));
        return exchange -> {
            ConnectionClose.honour(exchange);
            checked.handleRequest(exchange);
        };
    }

    /** Wrong-method and unknown-path answers are the client's mistake, not worth a log line each. */
    static final ProxyLog NO_LOG = (level, model, message) -> { };

    /** A route for the paths that begin with {@code prefix} (and a name, if {@code nameRequired}); one method only. */
    private record OneMethod(String prefix, boolean nameRequired, HttpString method, HttpHandler handler) {
        boolean matches(String path) {
            return path.startsWith(prefix) && (!nameRequired || path.length() > prefix.length());
        }
    }

    /** The routes that a path prefix selects: {@code /upstream/} forwards every method, the others answer one. */
    private record PrefixRoutes(HttpHandler upstream, List<OneMethod> oneMethod) implements HttpHandler {
        @Override
        public void handleRequest(HttpServerExchange exchange) throws Exception {
            String path = exchange.getRequestPath();
            if (path.startsWith(UpstreamPathHandler.PREFIX)) {
                upstream.handleRequest(exchange);
                return;
            }
            for (OneMethod route : oneMethod) {
                if (!route.matches(path)) {
                    continue;
                }
                if (exchange.getRequestMethod().equals(route.method())) {
                    route.handler().handleRequest(exchange);
                } else {
                    MethodTable.refuse(exchange, route.method().toString());
                }
                return;
            }
            ApiError.noRoute(exchange.getRequestMethod().toString(), path).send(exchange, NO_LOG, null);
        }

        /** The method a path of these routes answers; empty under {@code /upstream/} and for unknown paths. */
        Optional<String> methodOf(String path) {
            return oneMethod.stream().filter(route -> route.matches(path)).findFirst().map(route -> route.method().toString());
        }
    }
}
