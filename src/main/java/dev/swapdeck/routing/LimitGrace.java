package dev.swapdeck.routing;

import java.time.Duration;

/**
 * Holds a request that finds its model at its {@code concurrencyLimit} for {@link #GRACE} and refuses
 * it with 429 if no slot freed meanwhile (docs/routing.md, rule 6). A client that leaves gives its
 * slot back only once the proxy has noticed, on the IO thread serving it (which may read the client's
 * next request first) or within 100 ms while it waits for a start (SPEC §4): a client that abandons
 * one request and sends the next at once would otherwise be refused for its own abandoned request,
 * and so would anyone else's then. The held requests wait in their {@link ModelSlot}, where the router
 * takes them back when a slot frees.
 */
final class LimitGrace {
    static final Duration GRACE = Duration.ofMillis(150);

    private final Object routerLock;
    private final IdleReaper timer;

    /** @param routerLock the router, whose lock guards every slot */
    LimitGrace(Object routerLock, IdleReaper timer) {
        this.routerLock = routerLock;
        this.timer = timer;
    }

    /** Guarded by the router's lock. Holds {@code ticket}; refuses it after the grace unless the router took it back. */
    void hold(Ticket ticket) {
        ticket.slot.hold(ticket);
        timer.after(GRACE, () -> expire(ticket));
    }

    private void expire(Ticket ticket) {
        RoutingException refusal;
        synchronized (routerLock) {
            if (!ticket.slot.unhold(ticket)) {
                return;
            }
            refusal = ticket.slot.tooManyRequests(" and none ended within " + GRACE.toMillis() + " ms");
        }
        ticket.result.completeExceptionally(refusal);
    }
}
