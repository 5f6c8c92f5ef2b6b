package dev.swapdeck.routing;

import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.process.ProcessState;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What the {@link Scheduler}'s decisions do in a {@link Router}: admit a request (it counts as in
 * flight and its model may start) or begin a swap (stop the victims, then let the scheduler look
 * again). Every method runs under the router's lock; what must run outside it goes on {@code after}.
 */
final class RouterEffects implements Scheduler.Effects<Ticket> {
    private final Router router;
    private final List<Runnable> after;

    RouterEffects(Router router, List<Runnable> after) {
        this.router = router;
        this.after = after;
    }

    @Override
    public SwapPolicy.Plan plan(Ticket ticket) {
        return plan(ticket, router.occupying(), router.activeProfile);
    }

    private SwapPolicy.Plan plan(Ticket ticket, Set<String> occupying, Optional<String> activeProfile) {
        return router.room.refine(ticket, router.policy.plan(ticket.model(), ticket.route.profile(), occupying,
                activeProfile), occupying, router::slot, router.residents::leaving);
    }

    /** As {@link #plan} would read {@code earlier} once {@code later}'s model runs beside what runs now. */
    @Override
    public boolean startsInTheWayOf(Ticket later, SwapPolicy.Plan laterPlan, Ticket earlier) {
        Set<String> occupying = new HashSet<>(router.occupying());
        if (!occupying.add(later.model())) {
            return false;
        }
        try {
            return plan(earlier, occupying, laterPlan.activeProfile()).evict().contains(later.model());
        } catch (RoutingException noRoom) {
            return noRoom.kind() == RoutingException.Kind.NO_ROOM; // with it, the earlier one could not fit at all
        }
    }

    @Override
    public String model(Ticket ticket) {
        return ticket.model();
    }

    @Override
    public boolean leaving(String model) {
        return router.residents.leaving(model);
    }

    @Override
    public boolean busy(String model) {
        return router.slot(model).inFlight > 0;
    }

    @Override
    public long answeredNanos(String model) {
        return router.slot(model).answeredNanos;
    }

    @Override
    public boolean swapping() {
        return router.residents.swapping();
    }

    @Override
    public boolean parallelSwaps() {
        return !router.room.weighsMemory();
    }

    @Override
    public void admit(Ticket ticket, SwapPolicy.Plan plan) {
        ModelSlot slot = ticket.slot;
        slot.queued--;
        slot.inFlight++;
        ticket.admitted = true;
        router.residents.admitted(slot.id());
        router.setActiveProfile(plan.activeProfile());
        router.publishInFlight(slot);
        after.add(() -> router.start(ticket));
    }

    @Override
    public void swap(Ticket ticket, SwapPolicy.Plan plan) {
        Set<String> victims = plan.evict();
        String target = ticket.model();
        Set<String> occupying = router.occupying();
        SwapPolicy.Plan byRules = router.policy.plan(target, ticket.route.profile(), occupying, router.activeProfile);
        String why = router.room.explain(router.policy.rule(), ticket.route.profile(), target, occupying,
                byRules.evict(), victims);
        router.residents.swapStarted(victims);
        // the victims take no new request while the client is looked at; one found gone calls the swap off
        after.add(() -> ticket.route.presence().confirm(there -> {
            if (there) {
                router.changedThen(stopping -> stop(victims, target, why, stopping));
            } else {
                router.changed(() -> router.residents.swapCalledOff(victims));
            }
        }));
    }

    /** Under the router's lock: stops the victims of a swap whose request's client is there, on {@code outsideLock}. */
    private void stop(Set<String> victims, String target, String why, List<Runnable> outsideLock) {
        // a victim that already stopped (it crashed) is only let go of: the log names what is stopped
        List<String> running = victims.stream().filter(v -> router.slot(v).process.state() != ProcessState.STOPPED)
                .sorted().toList();
        if (!running.isEmpty()) {
            router.log.log(LogLevel.INFO, target, "swapping: stopping " + String.join(", ", running) + " to run "
                    + target + (why.isEmpty() ? "" : " (" + why + ")"));
        }
        outsideLock.add(() -> CompletableFuture.allOf(victims.stream()
                        .map(v -> router.slot(v).process.stop("swapped out for " + target))
                        .toArray(CompletableFuture[]::new))
                .whenComplete((v, e) -> router.changed(() -> router.residents.swapFinished(victims))));
    }
}
