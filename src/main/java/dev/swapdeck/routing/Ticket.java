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
    /** A Load command's, not a client's: it starts the model like any request but is not shown as one. */
    final boolean load;
    final CompletableFuture<Lease> result = new CompletableFuture<>();
    /** Guarded by the router's lock: whether the scheduler let it through. */
    boolean admitted;
    /** Guarded by the router's lock: whether it entered the queue, where it counts towards its model's limit. */
    boolean queued;
    /**
     * Guarded by the router's lock: when it began to wait, on {@link System#nanoTime} (before a reload
     * routed it again, if one did); set as it enters the queue.
     */
    long arrivalNanos;
    private final AtomicBoolean released = new AtomicBoolean();
    private final AtomicBoolean loadSettled = new AtomicBoolean();

    Ticket(Route route, ModelSlot slot, boolean load) {
        this.route = route;
        this.slot = slot;
        this.load = load;
    }

    /** Guarded by the router's lock. Whether its model's {@code concurrencyLimit} let it in: queued or admitted. */
    boolean letIn() {
        return queued || admitted;
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

    /** True exactly once for a Load command's ticket (whoever settles it first), never for a request's. */
    boolean settleLoad() {
        return load && loadSettled.compareAndSet(false, true);
    }
}
