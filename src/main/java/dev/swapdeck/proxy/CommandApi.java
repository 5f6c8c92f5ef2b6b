package dev.swapdeck.proxy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swapdeck.config.ConfigException;
import dev.swapdeck.engine.Engine;
import dev.swapdeck.routing.Route;
import dev.swapdeck.routing.RoutingException;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The routes that change what runs: load, unload, unload everything, shut down. Each answers when the
 * engine's command has finished (ready, stopped) or with the error it failed with.
 */
final class CommandApi {
    static final String LOAD_PREFIX = "/api/models/load/";
    static final String UNLOAD_PREFIX = "/api/models/unload/";

    private final Engine engine;

    CommandApi(Engine engine) {
        this.engine = engine;
    }

    /** {@code POST /api/models/load/<model>}: id, alias or {@code profile:model}; answers when ready. */
    void load(HttpServerExchange exchange) {
        String ref = nameAfter(exchange, LOAD_PREFIX);
        Route route = resolve(exchange, ref);
        if (route == null) {
            return;
        }
        CompletableFuture<Void> loading;
        try {
            loading = engine.load(ref);
        } catch (RuntimeException e) {
            ApiError.from(e).send(exchange, engine.logs(), route.modelId());
            return;
        }
        Async.whenDone(exchange, loading, (done, failure) -> reply(exchange, route.modelId(), "ready", failure));
    }

    /**
     * {@code POST /api/models/unload/<model>}: stops one model at once, even with requests in flight,
     * and answers {@code OK} once it has stopped, as llama-swap does.
     */
    void unload(HttpServerExchange exchange) {
        Route route = resolve(exchange, nameAfter(exchange, UNLOAD_PREFIX));
        if (route == null) {
            return;
        }
        Async.whenDone(exchange, engine.unload(route.modelId()), (done, failure) -> {
            if (failure != null) {
                ApiError.from(failure).send(exchange, engine.logs(), route.modelId());
            } else {
                Json.sendText(exchange, "OK");
            }
        });
    }

    /** {@code GET /unload}: stops everything and answers {@code OK} once stopped, as llama-swap does. */
    void unloadAllText(HttpServerExchange exchange) {
        unloadAll(exchange, () -> Json.sendText(exchange, "OK"));
    }

    /** {@code POST /api/models/unload}: stops everything and answers llama-swap's {@code {"msg":"ok"}} once stopped. */
    void unloadAllJson(HttpServerExchange exchange) {
        unloadAll(exchange, () -> Json.send(exchange, Json.MAPPER.createObjectNode().put("msg", "ok")));
    }

    private void unloadAll(HttpServerExchange exchange, Runnable stopped) {
        Async.whenDone(exchange, engine.unloadAll(), (done, failure) -> {
            if (failure != null) {
                ApiError.from(failure).send(exchange, engine.logs(), null);
            } else {
                stopped.run();
            }
        });
    }

    /**
     * {@code POST /api/config/reload}: reloads the file in force (SPEC §10). 200 with the new file's
     * warnings; 400 with every problem when it is invalid (the running configuration stays).
     */
    void reloadConfig(HttpServerExchange exchange) {
        Async.whenDone(exchange, engine.reload(), (config, failure) -> {
            Throwable cause = failure == null ? null : ApiError.unwrap(failure);
            if (cause instanceof ConfigException invalid) {
                ApiError.invalidConfig(String.join("\n", invalid.report())).send(exchange, engine.logs(), null);
            } else if (cause instanceof IOException unreadable) {
                ApiError.invalidConfig(unreadable.getMessage()).send(exchange, engine.logs(), null);
            } else if (cause instanceof IllegalStateException refused) {
                ApiError.invalidConfig(refused.getMessage()).send(exchange, engine.logs(), null);
            } else if (cause != null) {
                ApiError.from(cause).send(exchange, engine.logs(), null);
            } else {
                ObjectNode body = Json.MAPPER.createObjectNode().put("status", "reloaded");
                body.put("source", config.source().map(Object::toString).orElse(""));
                ArrayNode warnings = body.putArray("warnings");
                config.warnings().forEach(w -> warnings.add(w.toString()));
                Json.send(exchange, body);
            }
        });
    }

    /** {@code POST /api/shutdown}: answers, then shuts the engine down (the app then exits). */
    void shutdown(HttpServerExchange exchange) {
        engine.logs().info("shutdown requested over HTTP by " + exchange.getSourceAddress());
        // Registered before answering: the engine starts shutting down once the answer is sent.
        exchange.addExchangeCompleteListener((ex, next) -> {
            next.proceed();
            engine.shutdown();
        });
        Json.send(exchange, Json.MAPPER.createObjectNode().put("status", "shutting down"));
    }

    private Route resolve(HttpServerExchange exchange, String ref) {
        if (ref.isEmpty()) {
            ApiError.missingModel("name it in the path, " + ModelInPath.rawPath(exchange) + "<model>")
                    .send(exchange, engine.logs(), null);
            return null;
        }
        Route route;
        try {
            route = engine.upstreams().resolveModel(ref);
        } catch (RoutingException e) {
            ApiError.from(e).send(exchange, engine.logs(), null);
            return null;
        }
        Optional<String> peer = route.model().extras().peer();
        if (peer.isPresent()) {
            ApiError.peerModel(route.modelId(), peer.get()).send(exchange, engine.logs(), route.modelId());
            return null;
        }
        return route;
    }

    private void reply(HttpServerExchange exchange, String model, String state, Throwable failure) {
        if (failure != null) {
            ApiError.from(failure).send(exchange, engine.logs(), model);
            return;
        }
        ObjectNode body = Json.MAPPER.createObjectNode().put("model", model).put("state", state);
        Json.send(exchange, body);
    }

    /** The model named by the rest of the path after {@code prefix}, decoded as {@link ModelInPath} does. */
    private static String nameAfter(HttpServerExchange exchange, String prefix) {
        String path = ModelInPath.rawPath(exchange);
        return path.startsWith(prefix) ? ModelInPath.decode(path.substring(prefix.length())) : "";
    }
}
