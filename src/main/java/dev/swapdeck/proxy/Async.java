package dev.swapdeck.proxy;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/** Answers an exchange when an engine future completes, without holding any thread meanwhile. */
final class Async {
    private Async() {
    }

    /**
     * Runs {@code reply} on the exchange's IO thread once {@code future} completes, with its value or
     * its failure (one of them null). Call from a handler.
     */
    static <T> void whenDone(HttpServerExchange exchange, CompletableFuture<T> future,
                             BiConsumer<T, Throwable> reply) {
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> future.whenComplete((value, failure) ->
                exchange.dispatch(exchange.getIoThread(), ex -> reply.accept(value, failure))));
    }
}
