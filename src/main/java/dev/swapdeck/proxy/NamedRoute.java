package dev.swapdeck.proxy;

import dev.swapdeck.engine.Engine;
import dev.swapdeck.routing.Route;
import dev.swapdeck.routing.RoutingException;
import dev.swapdeck.routing.Upstreams;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;

/** Where the model a request names leads, for the routes that take the name from the body or the query. */
final class NamedRoute {
    private NamedRoute() {
    }

    /**
     * The route {@code name} leads to; or empty, with the client's error sent: 400 when the request
     * names no model, the router's answer (404 for an unknown name, ...) when it leads nowhere, 400
     * when the request says {@code autoload=false} and its model is not running; the refusal is recorded
     * in the activity log.
     */
    static Optional<Route> of(HttpServerExchange exchange, Engine engine, Upstreams upstreams, String name) {
        return of(exchange, engine, upstreams, name, ApiError.missingModel());
    }

    /** As {@link #of(HttpServerExchange, Engine, Upstreams, String)}, with the route's own 400 for no name. */
    static Optional<Route> of(HttpServerExchange exchange, Engine engine, Upstreams upstreams, String name,
                              ApiError noName) {
        if (name.isEmpty()) {
            ActivityTap.refused(exchange, engine.activity(), name);
            noName.send(exchange, engine.logs(), null);
            return Optional.empty();
        }
        Route route;
        try {
            route = upstreams.resolve(name);
        } catch (RoutingException e) {
            ActivityTap.refused(exchange, engine.activity(), name);
            ApiError.from(e).send(exchange, engine.logs(), null);
            return Optional.empty();
        }
        if (AutoloadQuery.refuses(exchange, engine, upstreams, route)) {
            ActivityTap.refused(exchange, engine.activity(), name);
            ApiError.notLoadedWithoutAutoload(route.modelId()).send(exchange, engine.logs(), route.modelId());
            return Optional.empty();
        }
        return Optional.of(route);
    }
}
