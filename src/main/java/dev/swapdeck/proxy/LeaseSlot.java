package dev.swapdeck.proxy;

import dev.swapdeck.routing.Lease;
import java.util.concurrent.CompletableFuture;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpServerExchange;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Ties a lease to the exchange it was acquired for, so the lease closes exactly once: when the
 * forwarder has read the upstream's answer in full (before the client has its last bytes, so a swap
 * waiting for the slot need not wait on a slow client), or at the latest when the exchange completes
 * (the client went away, the upstream failed).
 * A lease that arrives after the exchange already completed (the client left while the model was
 * starting) is closed at once. While the lease is still awaited, abandoning the slot withdraws the
 * request from the router by cancelling its acquire (the contract of {@code Upstreams.acquire}).
 * A lease whose client left, or that came too late for any answer, closes with
 * {@link Lease#closeClientLeft()}: no client of it waits to send a next request (SPEC §4).
 */
final class LeaseSlot implements ExchangeCompletionListener {
    private static final Object DONE = new Object();

    private final AtomicReference<Object> state = new AtomicReference<>();
    private volatile boolean clientLeft;
    private volatile CompletableFuture<Lease> pending;

    /** Creates a slot and registers it to run when {@code exchange} completes. */
    static LeaseSlot on(HttpServerExchange exchange) {
        LeaseSlot slot = new LeaseSlot();
        exchange.addExchangeCompleteListener(slot);
        return slot;
    }

    /** The acquire this slot waits on; withdrawn if the slot is abandoned before the lease arrives. */
    void awaiting(CompletableFuture<Lease> acquire) {
        pending = acquire;
        if (state.get() == DONE) {
            acquire.cancel(false);
        }
    }

    /** Holds {@code lease} until the exchange completes. Returns false (and closes it) if it already has. */
    boolean hold(Lease lease) {
        if (state.compareAndSet(null, lease)) {
            return true;
        }
        lease.closeClientLeft(); // its exchange ended with no answer from it
        return false;
    }

    /** The client went away before its answer ended: {@link #abandon()}, with no linger for it. */
    void clientLeft() {
        clientLeft = true;
        abandon();
    }

    /** The exchange is over for this lease: closes the one held, and any that arrives later at once. */
    void abandon() {
        Object previous = state.getAndSet(DONE);
        if (previous instanceof Lease lease) {
            if (clientLeft) {
                lease.closeClientLeft();
            } else {
                lease.close();
            }
        }
        CompletableFuture<Lease> acquire = pending;
        if (acquire != null) {
            acquire.cancel(false);
        }
    }

    @Override
    public void exchangeEvent(HttpServerExchange exchange, NextListener next) {
        try {
            if (ActivityTap.leftWhileAnswering(exchange)) {
                clientLeft();
            } else {
                abandon();
            }
        } finally {
            next.proceed();
        }
    }
}
