package dev.swapdeck.routing;

import java.util.concurrent.CompletableFuture;

/** What the HTTP proxy needs from the router: resolve a name, then wait for a lease on it. */
public interface Upstreams {

    /**
     * Resolves a model id, alias or {@code profile:model}.
     *
     * @throws RoutingException {@code UNKNOWN_MODEL} when nothing has that name
     */
    Route resolve(String requested);

    /**
     * The model a command (load, unload) names: an id, alias or {@code profile:model} as written. Not
     * through the active pin profile or a selector, which choose where requests go: as in llama-swap,
     * management names concrete models, so unloading {@code real} while a pin sends it elsewhere stops
     * {@code real}. This default serves upstreams that have neither.
     *
     * @throws RoutingException {@code UNKNOWN_MODEL} when no model has that name
     */
    default Route resolveModel(String name) {
        return resolve(name);
    }

    /**
     * Completes with a lease once the route's model is ready and the request counts as in flight,
     * swapping other models out first if needed (waiting for their in-flight requests). Fails with
     * {@link RoutingException}: {@code TOO_MANY_REQUESTS} at once when the model's concurrency limit is
     * reached, {@code UPSTREAM_FAILED} when the start failed, {@code SHUTTING_DOWN}. Never blocks.
     *
     * <p><b>Withdrawal</b> (SPEC §4, a client that leaves is forgotten at once): a caller whose client
     * went away while waiting calls {@code cancel(false)} on the returned future. A request still
     * queued then leaves the queue at once: it triggers no swap, starts nothing, and no longer counts
     * towards {@code concurrencyLimit}. A request already admitted (its model is starting) keeps the
     * start going (another request may want the model) and its lease is released as soon as the
     * start ends. Cancelling a completed future changes nothing: close the lease instead.
     */
    CompletableFuture<Lease> acquire(Route route);

    /**
     * {@link #acquire} for a Load command instead of a client's request: it queues, swaps and starts
     * the model the same way, but is not counted among the model's requests in flight where those are
     * shown (events, status, metrics).
     */
    default CompletableFuture<Lease> acquireForLoad(Route route) {
        return acquire(route);
    }

    /**
     * Whether the route's model can start now only once other models stop (a swap): what a request
     * for it that has to wait is waiting for, whether or not a stop has begun yet. For the activity
     * record; routing does not ask. This default serves upstreams that never swap.
     */
    default boolean startNeedsSwap(Route route) {
        return false;
    }
}
