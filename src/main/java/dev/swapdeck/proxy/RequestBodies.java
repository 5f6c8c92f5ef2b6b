package dev.swapdeck.proxy;

import dev.swapdeck.engine.Engine;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * How the forwarding routes read a request body before they pick its upstream: within the body limit
 * in force (it follows reloads), the global {@link BodyBudget} and the stall timeout.
 */
final class RequestBodies {
    private final LongSupplier maxBytes;
    private final BodyBudget budget;
    private final Duration stallTimeout;

    RequestBodies(LongSupplier maxBytes, BodyBudget budget, Duration stallTimeout) {
        this.maxBytes = maxBytes;
        this.budget = budget;
        this.stallTimeout = stallTimeout;
    }

    /** {@link BodyLimit#refuseEarly} with the limit in force: true when it has answered. */
    boolean refuseEarly(HttpServerExchange exchange, Engine engine) {
        return BodyLimit.refuseEarly(exchange, engine, maxBytes.getAsLong());
    }

    /** Reads the body without blocking ({@link BoundedBodyReader}); call on the IO thread. */
    void read(HttpServerExchange exchange, BiConsumer<HttpServerExchange, BufferedBody> done,
              BoundedBodyReader.Failure failure) {
        BoundedBodyReader.read(exchange, maxBytes.getAsLong(), budget, stallTimeout, done, failure);
    }
}
