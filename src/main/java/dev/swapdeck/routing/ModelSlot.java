package dev.swapdeck.routing;

import dev.swapdeck.process.ModelProcess;
import dev.swapdeck.process.ProcessState;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * The router's bookkeeping for one model. Every field is guarded by the owning {@link Router}'s
 * lock; the process itself guards its own state.
 */
final class ModelSlot {
    final ModelProcess process;
    /** Admitted requests whose in-flight count is not given back yet (including those waiting for the start). */
    int inFlight;
    /** Requests waiting in the router's queue for this model. */
    int queued;
    /** Of the in-flight and queued ones, Load commands not settled yet: they count for the scheduler, not as requests. */
    int loads;
    /** Requests that found the model at its limit, oldest first: held {@link LimitGrace#GRACE} for room. */
    private final ArrayDeque<Ticket> overLimit = new ArrayDeque<>();
    /** {@link System#nanoTime()} at the end of the last request; TTL counts from here. */
    long idleSinceNanos = System.nanoTime();
    /**
     * {@link System#nanoTime()} at the end of the last request whose client was still there: the
     * scheduler's linger counts from here. A client that left sends no next request to wait for.
     */
    long answeredNanos = idleSinceNanos;

    ModelSlot(ModelProcess process) {
        this.process = process;
    }

    /** The process died: it takes no next request, so the scheduler lets nothing linger for one. */
    void died() {
        answeredNanos = Long.MIN_VALUE;
    }

    String id() {
        return process.id();
    }

    int demand() {
        return inFlight + queued;
    }

    /** The requests in flight or waiting that clients sent, which is what a person or a metric is shown. */
    int requests() {
        return Math.max(0, demand() - loads);
    }

    /** Whether a new request would go past {@code concurrencyLimit}, which counts clients' requests only. */
    boolean atLimit() {
        return requests() >= process.config().concurrencyLimit();
    }

    void hold(Ticket ticket) {
        overLimit.add(ticket);
    }

    /** Takes {@code ticket} out of the held requests; false if it was not held. */
    boolean unhold(Ticket ticket) {
        return overLimit.remove(ticket);
    }

    /** The oldest held request, taken out, if the limit now has room for it; else null. */
    Ticket heldWithRoom() {
        return atLimit() ? null : overLimit.poll();
    }

    /** Every held request, taken out (the router is retiring or handing over). */
    List<Ticket> dropHeld() {
        List<Ticket> held = List.copyOf(overLimit);
        overLimit.clear();
        return held;
    }

    /** The 429 for a request past this model's limit; {@code waited} says for how long it was held. */
    RoutingException tooManyRequests(String waited) {
        int demand = demand();
        return new RoutingException(RoutingException.Kind.TOO_MANY_REQUESTS, "model '" + id() + "' already has "
                + demand + (demand == 1 ? " request" : " requests") + " being served or waiting for it (concurrencyLimit "
                + process.config().concurrencyLimit() + " counts both, as llama-swap's does)"
                + waited + (process.state() == ProcessState.STARTING ? "; none can end before the model has started, "
                + "retry then" : "; retry shortly") + " or raise concurrencyLimit");
    }

    /** Guarded by the router's lock. Time left before the TTL stops this model, if the TTL applies now. */
    Optional<Duration> ttlRemaining(long nowNanos) {
        Duration ttl = process.config().ttl();
        if (ttl.isZero() || inFlight > 0 || process.state() != ProcessState.READY) {
            return Optional.empty();
        }
        Duration left = ttl.minusNanos(nowNanos - idleSinceNanos);
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }
}
