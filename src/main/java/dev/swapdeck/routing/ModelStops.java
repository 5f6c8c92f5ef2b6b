package dev.swapdeck.routing;

import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.process.StartFailedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link Router}'s stops that no swap asked for: Unload commands, models idle past their TTL, and
 * the router's retirement. A stopped model counts as resident until its process is gone, so a swap
 * waiting for room waits for that; whatever still waits for an unloaded model to start fails, so it
 * does not start afterwards. Shares the router's lock and, like it, runs no caller's continuation
 * inside it.
 */
final class ModelStops {
    private final Router router;

    ModelStops(Router router) {
        this.router = router;
    }

    /** Stops one model at once, even with requests in flight (they fail). */
    CompletableFuture<Void> unload(ModelSlot slot) {
        unloading(List.of(slot), () -> { });
        return stopMarked(slot, "unloaded");
    }

    /** Stops every model at once and leaves the active list profile. */
    CompletableFuture<Void> unloadAll() {
        Collection<ModelSlot> slots = router.slots.values();
        unloading(slots, () -> router.setActiveProfile(Optional.empty()));
        return CompletableFuture.allOf(slots.stream()
                .map(slot -> stopMarked(slot, "unloaded"))
                .toArray(CompletableFuture[]::new));
    }

    /**
     * Marks these models stopping and fails their queued and held requests and Load commands (502,
     * "unloaded before its start began"); {@code alsoUnderLock} runs in the same hold of the lock.
     */
    private void unloading(Collection<ModelSlot> unloaded, Runnable alsoUnderLock) {
        List<Ticket> waiting = new ArrayList<>();
        List<Runnable> after = new ArrayList<>();
        synchronized (router) {
            for (ModelSlot slot : unloaded) {
                List<Ticket> dropped = dropWaiting(slot);
                markStopping(slot);
                if (!dropped.isEmpty()) {
                    router.publishInFlight(slot);
                    waiting.addAll(dropped);
                }
            }
            alsoUnderLock.run();
            if (!waiting.isEmpty()) {
                router.pump(after);
            }
        }
        after.forEach(Runnable::run);
        waiting.forEach(t -> t.result.completeExceptionally(RoutingException.of(new StartFailedException(t.model(),
                "unloaded before its start began"))));
    }

    /** Guarded by the router. Takes one model's queued and held requests out of the router. */
    private List<Ticket> dropWaiting(ModelSlot slot) {
        List<Ticket> waiting = new ArrayList<>();
        for (Ticket ticket : router.scheduler.queued()) {
            if (ticket.slot == slot && router.scheduler.remove(ticket)) {
                slot.queued--;
                waiting.add(ticket);
            }
        }
        waiting.addAll(slot.dropHeld());
        return waiting;
    }

    /** Guarded by the router. The model leaves the running set but counts as resident until it is gone. */
    private void markStopping(ModelSlot slot) {
        router.residents.stopRequested(slot.id(), slot.process.state() == ProcessState.STOPPED);
    }

    /** Stops a model marked as stopping; outside the lock, since a failed start's continuations run here. */
    private CompletableFuture<Void> stopMarked(ModelSlot slot, String reason) {
        return slot.process.stop(reason).whenComplete((v, e) -> stopFinished(slot.id()));
    }

    private void stopFinished(String id) {
        router.changed(() -> router.residents.stopFinished(id));
    }

    /** Called by the {@link IdleReaper} a few times a second: TTL stops, and overdue or lingering requests. */
    void expireIdle() {
        List<ModelSlot> expired = new ArrayList<>();
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        List<Runnable> after = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (router) {
            if (router.shuttingDown) {
                return;
            }
            for (ModelSlot slot : router.slots.values()) {
                Optional<Duration> left = slot.ttlRemaining(now);
                boolean idleOut = left.isPresent() && left.get().isZero() && slot.queued == 0;
                if (idleOut && !router.residents.evicting(slot.id())) {
                    markStopping(slot);
                    // Inside the lock, so no request is admitted to a ready process that is about to
                    // stop. A ready process's stop completes nothing at once, so nothing runs here.
                    stops.add(slot.process.stop("idle for " + slot.process.config().ttl().toSeconds() + " s (ttl)"));
                    expired.add(slot);
                }
            }
            router.pump(after);
        }
        for (int i = 0; i < expired.size(); i++) {
            ModelSlot slot = expired.get(i);
            router.log.log(LogLevel.INFO, slot.id(), "unloading " + slot.id() + ": idle for its ttl of "
                    + slot.process.config().ttl().toSeconds() + " s");
            stops.get(i).whenComplete((v, e) -> stopFinished(slot.id()));
        }
        after.forEach(Runnable::run);
    }

    /**
     * Refuses new work from now on, fails whatever waits with {@code refusal}, and shuts every process
     * down in parallel.
     */
    CompletableFuture<Void> retire(String refusal) {
        List<Ticket> refused;
        synchronized (router) {
            if (!router.shuttingDown) {
                router.refusalMessage = refusal;
            }
            router.shuttingDown = true;
            refused = router.drainWaiting();
        }
        router.reaper.close();
        // the processes hear of it first: a server that exits meanwhile (signalled with Swapdeck) is no crash
        CompletableFuture<Void> stopped = CompletableFuture.allOf(router.slots.values().stream()
                .map(s -> s.process.shutdown())
                .toArray(CompletableFuture[]::new));
        RoutingException error = router.shuttingDownError();
        refused.forEach(t -> t.result.completeExceptionally(error));
        return stopped;
    }
}
