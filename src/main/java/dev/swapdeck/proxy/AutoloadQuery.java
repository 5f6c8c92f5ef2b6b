package dev.swapdeck.proxy;

import dev.swapdeck.engine.Engine;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.routing.ModelStatus;
import dev.swapdeck.routing.Route;
import dev.swapdeck.routing.Upstreams;
import io.undertow.server.HttpServerExchange;
import java.util.Deque;

/**
 * llama.cpp's router query parameter {@code autoload}: a request that says {@code autoload=false} (any
 * value but {@code true} or {@code 1}; absent or empty leaves the default, which loads) goes only to a
 * model that already runs, starting or ready, and needs nothing stopped. Anything else gets llama.cpp's
 * 400 "model is not loaded" at once, and nothing starts or stops. llama.cpp's web UI reads each model's
 * {@code /props} so, to show a model without loading it; a peer's model is the peer's to judge.
 */
final class AutoloadQuery {
    private static final String PARAMETER = "autoload";

    private AutoloadQuery() {
    }

    /** Whether the request asked not to load and {@code route}'s model would have to start for it. */
    static boolean refuses(HttpServerExchange exchange, Engine engine, Upstreams upstreams, Route route) {
        if (loadsAllowed(exchange) || route.model().extras().isRemote()) {
            return false;
        }
        boolean running = engine.models().stream().anyMatch(m -> m.id().equals(route.modelId()) && running(m));
        return !running || upstreams.startNeedsSwap(route);
    }

    private static boolean loadsAllowed(HttpServerExchange exchange) {
        Deque<String> values = exchange.getQueryParameters().get(PARAMETER);
        if (values == null || values.isEmpty()) {
            return true;
        }
        String value = QueryModelHandler.formValue(values.getFirst());
        return value.isEmpty() || value.equals("true") || value.equals("1");
    }

    /** Starting, ready, or stopped with requests already waiting to start it (their start is under way). */
    private static boolean running(ModelStatus model) {
        ProcessState state = model.process().state();
        return state == ProcessState.STARTING || state == ProcessState.READY
                || (state != ProcessState.STOPPING && model.waitingToStart() > 0);
    }
}
