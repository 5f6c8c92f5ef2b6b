package dev.swapdeck.proxy;

import dev.swapdeck.routing.Lease;
import dev.swapdeck.routing.Upstreams;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The router's future for a lease as a wrapper of {@link Upstreams} hands it on, when the wrapper
 * must look at the outcome before the caller acts on it: this future completes only after the look,
 * so what the caller chains to it (forwarding, and so the answer's first byte) comes after. The
 * order of a {@link CompletableFuture}'s own dependents is not specified, and in practice the last
 * one added runs first. Cancelling it withdraws the router's request as {@link Upstreams#acquire}
 * says; the look still runs then, with the cancellation.
 */
final class ObservedLease extends CompletableFuture<Lease> {
    private final CompletableFuture<Lease> pending;

    private ObservedLease(CompletableFuture<Lease> pending) {
        this.pending = pending;
    }

    /** A future that completes as {@code pending} does, once {@code look} has seen how. */
    static CompletableFuture<Lease> after(CompletableFuture<Lease> pending, BiConsumer<Lease, Throwable> look) {
        ObservedLease observed = new ObservedLease(pending);
        pending.whenComplete((lease, failure) -> {
            try {
                look.accept(lease, failure);
            } finally {
                if (failure != null) {
                    observed.completeExceptionally(failure);
                } else {
                    observed.complete(lease);
                }
            }
        });
        return observed;
    }

    /**
     * Withdraws the router's request: true when it was still waiting (this future then completes
     * cancelled), false once the lease was granted, which the caller then closes when it comes.
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return pending.cancel(false);
    }
}
