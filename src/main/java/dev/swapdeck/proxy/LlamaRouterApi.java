package dev.swapdeck.proxy;

import dev.swapdeck.engine.ConfigLoaded;
import dev.swapdeck.engine.Engine;
import dev.swapdeck.event.EventQueue;
import dev.swapdeck.loading.LoadProgress;
import dev.swapdeck.process.StateChanged;
import dev.swapdeck.routing.InFlightChanged;
import dev.swapdeck.routing.Route;
import dev.swapdeck.routing.RoutingException;
import io.undertow.io.Receiver;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * llama.cpp's router API (SPEC §12), so clients written for {@code llama-server --models-dir} drive
 * Swapdeck: {@code POST /models/load} and {@code POST /models/unload} with {@code {"model": name}}
 * answer {@code {"success": true}} as soon as the command is given (as llama.cpp does; the state
 * then shows in {@code GET /models} and {@code /models/sse}), and a 400 as llama.cpp's router does for
 * a load of a model that is loading or loaded, an unload of one that is not, and an unload of a name
 * it does not know (a load of one is the usual 404); {@code GET /models/sse} streams
 * {@code model_status} events. {@code GET /models} itself is the {@code /v1/models} list, whose
 * entries carry llama.cpp's {@code status}.
 */
final class LlamaRouterApi {
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final Engine engine;
    private final FeedRegistry feeds;
    private final ProxyOptions options;

    LlamaRouterApi(Engine engine, FeedRegistry feeds, ProxyOptions options) {
        this.engine = engine;
        this.feeds = feeds;
        this.options = options;
    }

    /**
     * Answers success at once, as llama.cpp's router does, and the client follows the load in
     * {@code GET /models}; a load refused before anything starts (the model cannot fit in memory)
     * is that refusal's error instead, since nothing would ever show it there; so the numbers it rests
     * on are measured again first when they are not fresh, as a request's are.
     */
    void load(HttpServerExchange exchange) {
        withModel(exchange, ApiError::from, (ex, route) -> {
            Optional<String> status = statusOf(route.modelId());
            if (status.isPresent() && !status.get().equals("unloaded")) {
                ApiError.routerRefusal("model_already_running", "model is already running: " + route.modelId()
                        + " is " + status.get()).send(ex, engine.logs(), route.modelId());
                return;
            }
            long asked = System.nanoTime();
            CompletableFuture<Void> measured = engine.memoryMeasuredForRefusal();
            if (measured.isDone()) {
                startLoad(ex, route, asked);
            } else {
                Async.whenDone(ex, measured, (v, failure) -> startLoad(ex, route, asked));
            }
        });
    }

    /** The load, waiting since {@code asked}: the sample taken since then lets memory refuse it at once. */
    private void startLoad(HttpServerExchange ex, Route route, long asked) {
        CompletableFuture<Void> loading = engine.load(route.requested(), asked);
        if (loading.isCompletedExceptionally()) {
            ApiError.from(loading.handle((v, failure) -> failure).join()).send(ex, engine.logs(), route.modelId());
            return;
        }
        loading.whenComplete((v, failure) -> {
            if (failure != null) {
                engine.logs().warn("loading " + route.modelId() + " for /models/load failed: " + ApiError.from(failure).message());
            }
        });
        Json.send(ex, Json.MAPPER.createObjectNode().put("success", true));
    }

    void unload(HttpServerExchange exchange) {
        withModel(exchange, LlamaRouterApi::unloadRefusal, (ex, route) -> {
            if (statusOf(route.modelId()).filter(status -> status.equals("unloaded")).isPresent()) {
                ApiError.routerRefusal("model_not_running", "model is not running: " + route.modelId()
                        + " is unloaded").send(ex, engine.logs(), route.modelId());
                return;
            }
            engine.unload(route.modelId());
            Json.send(ex, Json.MAPPER.createObjectNode().put("success", true));
        });
    }

    /** {@code GET /models/sse}: one {@code data:} line per model status change or load progress. */
    void events(HttpServerExchange exchange) {
        if (!feeds.admit(exchange, engine.logs())) {
            return;
        }
        EventQueue queue = LiveFeed.subscribe(engine.events(), options,
                event -> event instanceof StateChanged || event instanceof InFlightChanged
                        || event instanceof LoadProgress || event instanceof ConfigLoaded);
        // after subscribing: a change between the two is then in the queue or already in the start
        ModelStatusEvents format = new ModelStatusEvents(engine::models);
        LiveFeed.start(exchange, "text/event-stream", ": connected\n\n", queue, format, feeds, options);
    }

    /** llama.cpp answers an unload of a name it does not know with a 400, not the 404 of a load. */
    private static ApiError unloadRefusal(RoutingException e) {
        return e.kind() == RoutingException.Kind.UNKNOWN_MODEL
                ? ApiError.routerRefusal("model_not_found", "model is not found: " + e.getMessage())
                : ApiError.from(e);
    }

    /** A local model's status value as {@code GET /models} shows it; empty for a name served elsewhere (a peer). */
    private Optional<String> statusOf(String modelId) {
        return engine.models().stream().filter(model -> model.id().equals(modelId)).findFirst()
                .map(model -> LlamaStatus.of(model).path("value").asText());
    }

    /**
     * Reads {@code {"model": name}}, resolves it and hands the route on; answers the errors itself, a name
     * that cannot be resolved with {@code refusal}'s answer.
     */
    private void withModel(HttpServerExchange exchange, Function<RoutingException, ApiError> refusal,
            BiConsumer<HttpServerExchange, Route> action) {
        Receiver receiver = exchange.getRequestReceiver();
        receiver.setMaxBufferSize(MAX_BODY_BYTES);
        receiver.receiveFullBytes((ex, body) -> {
            Optional<String> name;
            try {
                name = JsonBody.model(body);
            } catch (BadBodyException e) {
                ApiError.badRequest(e.getMessage() + "; send {\"model\": \"<name>\"}").send(ex, engine.logs(), null);
                return;
            }
            if (name.isEmpty() || name.get().isEmpty()) {
                ApiError.missingModel().send(ex, engine.logs(), null);
                return;
            }
            Route route;
            try {
                route = engine.upstreams().resolveModel(name.get());
            } catch (RoutingException e) {
                refusal.apply(e).send(ex, engine.logs(), null);
                return;
            }
            Optional<String> peer = route.model().extras().peer();
            if (peer.isPresent()) {
                ApiError.peerModel(route.modelId(), peer.get()).send(ex, engine.logs(), route.modelId());
                return;
            }
            action.accept(ex, route);
        }, (ex, e) -> BodyLimit.unreadable(ex, e, MAX_BODY_BYTES, engine.logs(), null));
    }
}
