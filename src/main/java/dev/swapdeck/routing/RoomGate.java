package dev.swapdeck.routing;

import dev.swapdeck.memory.MemoryMonitor;
import dev.swapdeck.routing.RoutingException.Kind;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The router's side of memory-aware swapping (docs/routing.md): memory's say on every plan, and the
 * refusal of requests memory cannot make room for. Guarded by the router's lock, like its caller.
 */
final class RoomGate {
    private final RoomPolicy room;

    RoomGate(RoomPolicy room) {
        this.room = room;
    }

    /** Whether memory has a say in the plans. */
    boolean weighsMemory() {
        return room != RoomPolicy.NONE;
    }

    /** The swap rules' plan with memory's evictions added; a {@code NO_ROOM} routing error when it cannot fit. */
    SwapPolicy.Plan refine(Ticket ticket, SwapPolicy.Plan rules, Set<String> occupying,
                           Function<String, ModelSlot> slots, Predicate<String> leaving) {
        if (room == RoomPolicy.NONE) {
            return rules;
        }
        return room.refine(ticket.route, rules, occupying.stream()
                .map(id -> Holder.of(slots.apply(id), leaving.test(id))).toList());
    }

    /**
     * The swap's reason for the proxy log: the requested list profile's or the rule's own, and memory's
     * only when memory added victims to those the profile or the rules stop ({@code byRules}).
     */
    String explain(Swapper rule, Optional<String> profile, String target, Set<String> occupying,
                   Set<String> byRules, Set<String> victims) {
        String byRule = profile.map(p -> "profile '" + p + "' is the running set")
                .orElseGet(() -> rule.explain(target, occupying));
        if (room == RoomPolicy.NONE || byRules.containsAll(victims)) {
            return byRule;
        }
        return (byRule.isEmpty() ? "" : byRule + "; ") + "to make room in memory for " + target;
    }

    /** Whether the ticket's model may run now with nothing stopped (false too when it cannot fit at all). */
    boolean fitsAsIs(Scheduler.Effects<Ticket> effects, Ticket ticket) {
        try {
            return !effects.plan(ticket).needsSwap();
        } catch (RoutingException noRoom) {
            if (noRoom.kind() != Kind.NO_ROOM) {
                throw noRoom;
            }
            return false;
        }
    }

    /**
     * One scheduler pass, with every queued request that cannot fit refused first (503, nothing
     * stopped). A pass that meets one made unfit by a request admitted earlier in the same pass runs
     * again once that one is refused. A refusal is final only on numbers measured at most
     * {@link MemoryMonitor#REFUSAL_FRESHNESS} before the request began to wait (a 503 cannot be taken
     * back, and another program may have freed memory since the last sample, up to ten seconds before
     * when idle), or once it has waited {@link MemoryMonitor#REMEASURE_WAIT} (a probe may hang; a
     * reload that routes it again keeps when it began), or when even memory with nothing in it could
     * not hold the model. Until then it keeps its place, out of the passes, while a sample is taken.
     *
     * @param publish tells the model's new demand once a request is refused
     * @param after   where the refusals are completed, once the router's lock is released
     */
    void pass(Scheduler<Ticket> scheduler, Scheduler.Effects<Ticket> effects, long nowNanos,
              Consumer<ModelSlot> publish, List<Runnable> after) {
        for (int tries = 0; ; tries++) {
            if (room != RoomPolicy.NONE) {
                refuseUnfit(scheduler, effects, nowNanos, publish, after);
            }
            try {
                scheduler.pass(effects, nowNanos);
                return;
            } catch (RoutingException noRoom) {
                if (noRoom.kind() != Kind.NO_ROOM || tries > scheduler.queued().size()) {
                    throw noRoom;
                }
            }
        }
    }

    /** Whether memory's numbers may refuse {@code ticket} now (see {@link #pass}). */
    private boolean decidable(Ticket ticket, long nowNanos) {
        return room.measuredSince(ticket.arrivalNanos - MemoryMonitor.REFUSAL_FRESHNESS.toNanos())
                || nowNanos - ticket.arrivalNanos >= MemoryMonitor.REMEASURE_WAIT.toNanos();
    }

    private void refuseUnfit(Scheduler<Ticket> scheduler, Scheduler.Effects<Ticket> effects, long nowNanos,
                             Consumer<ModelSlot> publish, List<Runnable> after) {
        for (Ticket ticket : scheduler.queued()) {
            boolean decidable = decidable(ticket, nowNanos);
            if (scheduler.held(ticket)) {
                if (!decidable) {
                    continue;
                }
                scheduler.unhold(ticket);
            }
            try {
                effects.plan(ticket);
            } catch (RoutingException noRoom) {
                if (noRoom.kind() != Kind.NO_ROOM) {
                    throw noRoom;
                }
                if (!decidable && room.fitsWhenEmpty(ticket.route)) {
                    scheduler.hold(ticket);
                    after.add(room::measureSoon);
                    continue;
                }
                scheduler.remove(ticket);
                ticket.slot.queued--;
                publish.accept(ticket.slot);
                after.add(() -> ticket.result.completeExceptionally(noRoom));
            }
        }
    }
}
