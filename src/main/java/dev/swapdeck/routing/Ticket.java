package dev.swapdeck.routing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request for a lease, from its arrival until its lease closes. The future is the one
 * {@link Upstreams#acquire} returned: cancelling it withdraws the request (from the queue, or from the
 * in-flight count if it was admitted and still waits for its model to start).
 */
final class Ticket {
    final Route route;
    final ModelSlot slot;
    final CompletableFuture<Lease> result = new CompletableFuture<>();
    /** Guarded by the router's lock: whether the scheduler let it through. */
    boolean admitted;
    private final AtomicBoolean released = new AtomicBoolean();

    Ticket(Route route, ModelSlot slot) {
        this.route = route;
        this.slot = slot;
    }

    String model() {
        return slot.id();
    }

    /** True exactly once: for whoever gives the admitted request's in-flight count back first. */
    boolean release() {
        return released.compareAndSet(false, true);
    }

    boolean released() {
        return released.get();
    }
}
