package dev.swapdeck.routing;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.logging.ProxyLog;
import dev.swapdeck.process.ModelProcess;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.routing.RoutingException.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Owns the models' processes and decides what runs. All routing state is guarded by this object's
 * lock; futures are completed and processes are told to stop only after the lock is released (the
 * {@code after} lists), so no caller's continuation ever runs inside it.
 *
 * <p>The <em>resident</em> set holds the models allowed to run. A request whose model may run next
 * to the residents is admitted at once (the fast path: one lock, one counter). Otherwise it joins a
 * FIFO queue; the first queued request that needs a swap names its victims (per {@link SwapPolicy});
 * they take no new requests, are stopped once their in-flight count reaches zero, and then the queue
 * is served again in order. A swap therefore never cuts a response that is being served.
 */
public final class Router implements Upstreams {
    private final SwapdeckConfig config;
    private final SwapPolicy policy;
    private final RouteNames names;
    private final EventBus bus;
    private final ProxyLog log;
    final Map<String, ModelSlot> slots = new TreeMap<>();
    final IdleReaper reaper;

    final Set<String> resident = new LinkedHashSet<>();
    /**
     * Models stopped outside a swap (unload, TTL) whose stop has not finished. They still hold their
     * memory, so the swap policy counts them as resident: nothing starts next to them until they are gone.
     */
    private final Set<String> stopping = new LinkedHashSet<>();
    final ArrayDeque<Ticket> queue = new ArrayDeque<>();
    private Optional<String> activeProfile = Optional.empty();
    private Set<String> evicting = Set.of();
    private boolean stopsRunning;
    private boolean shuttingDown;
    String refusalMessage = "";
    Handover handover; // set when a reload hands this router's unchanged models to a new router

    record Ticket(Route route, CompletableFuture<ModelSlot> admitted) { }

    public Router(SwapdeckConfig config, Function<ModelConfig, ModelProcess> processes, EventBus bus,
                  ProxyLog log) {
        this.config = config;
        this.policy = new SwapPolicy(config.profiles());
        this.names = new RouteNames(config);
        this.bus = bus;
        this.log = log;
        config.models().values().forEach(m -> slots.put(m.id(), new ModelSlot(processes.apply(m))));
        this.reaper = new IdleReaper(this, log, Duration.ofMillis(250));
    }

    @Override
    public Route resolve(String requested) {
        return names.resolve(requested);
    }

    @Override
    public CompletableFuture<Lease> acquire(Route route) {
        List<Runnable> after = new ArrayList<>();
        CompletableFuture<ModelSlot> admitted = new CompletableFuture<>();
        ModelSlot slot = slot(route.modelId());
        Ticket ticket = new Ticket(route, admitted);
        synchronized (this) {
            if (shuttingDown) {
                return CompletableFuture.failedFuture(shuttingDownError());
            }
            int limit = route.model().concurrencyLimit();
            if (slot.demand() >= limit) {
                return CompletableFuture.failedFuture(new RoutingException(Kind.TOO_MANY_REQUESTS,
                        "model '" + slot.id() + "' already has " + slot.demand() + " requests in flight"
                                + " (concurrencyLimit " + limit + "); retry shortly or raise concurrencyLimit"));
            }
            SwapPolicy.Plan plan = plan(route);
            if (queue.isEmpty() && !plan.needsSwap() && !evicting.contains(route.modelId())
                    && (handover == null || handover.keeps(route.modelId()))) {
                admit(ticket, plan, after);
            } else if (handover != null) {
                return CompletableFuture.failedFuture(shuttingDownError());
            } else {
                queue.addLast(ticket);
                slot.queued++;
                publishInFlight(slot);
                pump(after);
            }
        }
        after.forEach(Runnable::run);
        return PendingLease.withdrawable(admitted.thenCompose(this::whenReady), () -> withdraw(ticket));
    }

    /** A queued request whose client left: out of the queue, and whatever swap it chose is reconsidered. */
    private void withdraw(Ticket ticket) {
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            if (!queue.remove(ticket)) {
                return; // admitted already: its lease is closed when the start ends
            }
            ModelSlot slot = slot(ticket.route.modelId());
            slot.queued--;
            publishInFlight(slot);
            pump(after);
        }
        after.forEach(Runnable::run);
    }

    /** Stops one model at once, even with requests in flight (they fail). */
    public CompletableFuture<Void> unload(String modelId) {
        ModelSlot slot = slot(modelId);
        synchronized (this) {
            markStopping(slot);
        }
        return stopMarked(slot, "unloaded");
    }

    /** Stops every model at once and leaves the active profile. */
    public CompletableFuture<Void> unloadAll() {
        synchronized (this) {
            slots.values().forEach(this::markStopping);
            setActiveProfile(Optional.empty());
        }
        return CompletableFuture.allOf(slots.values().stream()
                .map(slot -> stopMarked(slot, "unloaded"))
                .toArray(CompletableFuture[]::new));
    }

    /** Guarded by this. The model leaves the running set but counts as resident until it is gone. */
    private void markStopping(ModelSlot slot) {
        resident.remove(slot.id());
        if (slot.process.state() != ProcessState.STOPPED) {
            stopping.add(slot.id());
        }
    }

    /**
     * Stops a model marked as stopping. Called after the lock is released: stopping a process that
     * is starting fails its start at once, and that failure's continuations must not run under the lock.
     */
    private CompletableFuture<Void> stopMarked(ModelSlot slot, String reason) {
        return slot.process.stop(reason).whenComplete((v, e) -> stopFinished(slot.id()));
    }

    private void stopFinished(String id) {
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            stopping.remove(id);
            pump(after);
        }
        after.forEach(Runnable::run);
    }

    /** Refuses new work, fails every queued request with 503, shuts every process down in parallel. */
    public CompletableFuture<Void> shutdown() {
        return retire("Swapdeck is shutting down; retry once it is back");
    }

    /**
     * Like {@link #shutdown()}, with the message refused requests get (a reload retires the old
     * router with its own explanation).
     */
    public CompletableFuture<Void> retire(String refusal) {
        List<Ticket> refused;
        synchronized (this) {
            if (!shuttingDown) {
                refusalMessage = refusal;
            }
            shuttingDown = true;
            refused = new ArrayList<>(queue);
            queue.clear();
            slots.values().forEach(s -> s.queued = 0);
        }
        reaper.close();
        RoutingException error = shuttingDownError();
        refused.forEach(t -> t.admitted.completeExceptionally(error));
        return CompletableFuture.allOf(slots.values().stream()
                .map(s -> s.process.shutdown())
                .toArray(CompletableFuture[]::new));
    }

    public synchronized Optional<String> activeProfile() {
        return activeProfile;
    }

    /** Every model's status, sorted by id. */
    public List<ModelStatus> models() {
        List<ModelStatus> statuses = new ArrayList<>(slots.size());
        long now = System.nanoTime();
        synchronized (this) {
            for (ModelSlot slot : slots.values()) {
                statuses.add(new ModelStatus(slot.process.config(), slot.process.info(), slot.demand(),
                        profilesOf(slot.id()), ttlRemaining(slot, now)));
            }
        }
        return statuses;
    }

    void release(ModelSlot slot) {
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            if (handover == null || !handover.released(slot, after)) {
                slot.inFlight--;
                slot.idleSinceNanos = System.nanoTime();
                publishInFlight(slot);
                if (!queue.isEmpty()) {
                    pump(after);
                }
            }
        }
        after.forEach(Runnable::run);
    }

    /** Called by the {@link IdleReaper}: stops resident models idle for longer than their TTL. */
    void expireIdle() {
        List<ModelSlot> expired = new ArrayList<>();
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (this) {
            if (shuttingDown) {
                return;
            }
            for (ModelSlot slot : slots.values()) {
                Optional<Duration> left = ttlRemaining(slot, now);
                if (left.isPresent() && left.get().isZero() && slot.queued == 0 && !evicting.contains(slot.id())) {
                    markStopping(slot);
                    // Inside the lock, so no request is admitted to a ready process that is about to
                    // stop. A ready process's stop completes nothing at once, so nothing runs here.
                    stops.add(slot.process.stop("idle for " + slot.process.config().ttl().toSeconds() + " s (ttl)"));
                    expired.add(slot);
                }
            }
        }
        for (int i = 0; i < expired.size(); i++) {
            ModelSlot slot = expired.get(i);
            log.log(LogLevel.INFO, slot.id(), "unloading " + slot.id() + ": idle for its ttl of "
                    + slot.process.config().ttl().toSeconds() + " s");
            stops.get(i).whenComplete((v, e) -> stopFinished(slot.id()));
        }
    }

    /** Guarded by this. Time left before the TTL stops the slot's model, if the TTL applies now. */
    private Optional<Duration> ttlRemaining(ModelSlot slot, long now) {
        Duration ttl = slot.process.config().ttl();
        if (ttl.isZero() || slot.inFlight > 0 || slot.process.state() != ProcessState.READY) {
            return Optional.empty();
        }
        Duration left = ttl.minusNanos(now - slot.idleSinceNanos);
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }

    /**
     * Guarded by this. Serves the queue in order: admits every request that needs no swap and whose
     * model is not being evicted; the first request that needs a swap starts it.
     */
    private void pump(List<Runnable> after) {
        if (!stopsRunning) {
            evicting = Set.of();
        }
        Set<String> blocked = new HashSet<>(evicting);
        boolean swapChosen = stopsRunning;
        for (Iterator<Ticket> it = queue.iterator(); it.hasNext(); ) {
            Ticket ticket = it.next();
            String target = ticket.route.modelId();
            SwapPolicy.Plan plan = plan(ticket.route);
            if (!plan.needsSwap() && !blocked.contains(target)) {
                it.remove();
                slot(target).queued--;
                admit(ticket, plan, after);
                continue;
            }
            if (!swapChosen) {
                swapChosen = true;
                evicting = plan.evict();
                beginSwapWhenDrained(target, after);
            }
            blocked.addAll(plan.evict());
        }
    }

    /** Guarded by this. Stops the victims once none has a request in flight. */
    private void beginSwapWhenDrained(String target, List<Runnable> after) {
        for (String victim : evicting) {
            if (slot(victim).inFlight > 0) {
                return;
            }
        }
        stopsRunning = true;
        Set<String> victims = evicting;
        log.log(LogLevel.INFO, target, "swapping: stopping " + String.join(", ", victims) + " to run " + target);
        after.add(() -> CompletableFuture.allOf(victims.stream()
                        .map(v -> slot(v).process.stop("swapped out for " + target))
                        .toArray(CompletableFuture[]::new))
                .whenComplete((v, e) -> swapFinished(victims)));
    }

    private void swapFinished(Set<String> victims) {
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            stopsRunning = false;
            resident.removeAll(victims);
            stopping.removeAll(victims);
            pump(after);
        }
        after.forEach(Runnable::run);
    }

    /** Guarded by this. */
    private void admit(Ticket ticket, SwapPolicy.Plan plan, List<Runnable> after) {
        ModelSlot slot = slot(ticket.route.modelId());
        slot.inFlight++;
        resident.add(slot.id());
        setActiveProfile(plan.activeProfile());
        publishInFlight(slot);
        after.add(() -> ticket.admitted.complete(slot));
    }

    private CompletableFuture<Lease> whenReady(ModelSlot slot) {
        CompletableFuture<Lease> lease = new CompletableFuture<>();
        slot.process.ensureReady().whenComplete((ready, error) -> {
            if (error == null) {
                lease.complete(new SlotLease(this, slot));
                return;
            }
            release(slot);
            lease.completeExceptionally(RoutingException.of(error));
        });
        return lease;
    }

    private synchronized RoutingException shuttingDownError() {
        return new RoutingException(Kind.SHUTTING_DOWN, refusalMessage);
    }

    /** Guarded by this. */
    private SwapPolicy.Plan plan(Route route) {
        return policy.plan(route.modelId(), route.profile(), occupying(), activeProfile);
    }

    /** Guarded by this. Everything that holds memory: the running set and what is still stopping. */
    private Set<String> occupying() {
        if (stopping.isEmpty()) {
            return resident;
        }
        Set<String> all = new LinkedHashSet<>(resident);
        all.addAll(stopping);
        return all;
    }

    /** Guarded by this. */
    private void setActiveProfile(Optional<String> profile) {
        if (!profile.equals(activeProfile)) {
            activeProfile = profile;
            bus.publish(new ActiveProfileChanged(profile, Instant.now()));
            log.info(profile.map(p -> "profile '" + p + "' is now the running set")
                    .orElse("running one model at a time"));
        }
    }

    private void publishInFlight(ModelSlot slot) {
        bus.publish(new InFlightChanged(slot.id(), slot.demand(), Instant.now()));
    }

    private List<String> profilesOf(String id) {
        List<String> names = new ArrayList<>();
        config.profiles().forEach((name, members) -> {
            if (members.contains(id)) {
                names.add(name);
            }
        });
        names.sort(null);
        return names;
    }

    private ModelSlot slot(String id) {
        ModelSlot slot = slots.get(id);
        if (slot == null) {
            throw new RoutingException(Kind.UNKNOWN_MODEL, "no model '" + id + "'");
        }
        return slot;
    }
}
