package dev.swapdeck.routing;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.config.PinProfile;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.logging.ProxyLog;
import dev.swapdeck.process.ModelProcess;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.routing.RoutingException.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The effects half of routing: owns the models' processes and carries out what the {@link Scheduler}
 * (which request goes next) and the {@link SwapPolicy} (what must stop for it; memory may add to it
 * through {@link RoomGate}) decide. All routing state
 * is guarded by this object's lock; futures are completed and processes told to start or stop only
 * after the lock is released (the {@code after} lists), so no caller's continuation runs inside it.
 *
 * <p>A swap stops its victims ({@link Residents}) once none has a request in flight, so it never cuts a
 * response; while it runs its victims take no new requests. docs/routing.md walks through a queue and a swap.
 */
public final class Router implements Upstreams {
    private final SwapdeckConfig config;
    final SwapPolicy policy;
    final RoomGate room;
    private final RouteNames names;
    private final EventBus bus;
    final ProxyLog log;
    /** What requests refused by a shutdown are told. */
    static final String SHUTTING_DOWN = "Swapdeck is shutting down; retry once it is back";
    /**
     * How long a model that just answered under a waiting swap may take its clients' next requests;
     * not after a request whose client left (it sends no next one).
     */
    static final Duration LINGER = Duration.ofMillis(200);

    final Map<String, ModelSlot> slots = new TreeMap<>();
    /** Each model's place in the rules: fixed by the configuration, so computed once. */
    private final Map<String, ModelRouting> routingOf = new HashMap<>();
    final IdleReaper reaper;
    private final LimitGrace limitGrace;
    final Scheduler<Ticket> scheduler;
    private final ActivePins pins;
    private final ModelStops stops = new ModelStops(this);

    final Residents residents = new Residents();
    Optional<String> activeProfile = Optional.empty();
    /** Guarded by this. Set once the router is retired (a shutdown, or a reload replaced it): no new work. */
    boolean shuttingDown;
    String refusalMessage = "";
    Handover handover; // set when a reload hands this router's unchanged models to a new router

    /** @param room consulted after the swap rules: memory decides among what they allow (docs/routing.md) */
    public Router(SwapdeckConfig config, Function<ModelConfig, ModelProcess> processes, EventBus bus,
                  ProxyLog log, RoomPolicy room) {
        this.config = config;
        this.policy = SwapPolicy.of(config);
        this.room = new RoomGate(room);
        this.names = new RouteNames(config);
        this.scheduler = new Scheduler<>(config.routing().maxQueueWait(), LINGER);
        this.bus = bus;
        this.log = log;
        this.pins = new ActivePins(config, bus, log);
        config.models().values().forEach(m -> slots.put(m.id(), new ModelSlot(processes.apply(m))));
        config.models().keySet().forEach(id -> routingOf.put(id, ModelRouting.of(config, policy.rule(), id)));
        this.reaper = new IdleReaper(this, log, Duration.ofMillis(250), bus);
        this.limitGrace = new LimitGrace(this, reaper);
    }

    @Override
    public Route resolve(String requested) {
        return names.resolve(requested, pins.get(), id -> slot(id).process.state());
    }

    @Override
    public Route resolveModel(String name) {
        return names.named(name);
    }

    @Override
    public CompletableFuture<Lease> acquire(Route route) {
        return acquire(new Ticket(route, slot(route.modelId()), false));
    }

    @Override
    public CompletableFuture<Lease> acquireForLoad(Route route) {
        Ticket ticket = new Ticket(route, slot(route.modelId()), true);
        ticket.result.whenComplete((lease, error) -> {
            if (error != null) {
                settleLoad(ticket);
            }
        });
        return acquire(ticket);
    }

    /** What the scheduler would find for a request of this route now: a plan that stops other models. */
    @Override
    public boolean startNeedsSwap(Route route) {
        ModelSlot slot = slot(route.modelId());
        synchronized (this) {
            return !room.fitsAsIs(new RouterEffects(this, new ArrayList<>()), new Ticket(route, slot, false));
        }
    }

    /** Guarded by this (taken if not held). A Load command is over: its slot no longer counts it apart. */
    private synchronized void settleLoad(Ticket ticket) {
        if (ticket.settleLoad()) {
            ticket.slot.loads--;
        }
    }

    private CompletableFuture<Lease> acquire(Ticket ticket) {
        List<Runnable> after = new ArrayList<>();
        ModelSlot slot = ticket.slot;
        synchronized (this) {
            if (shuttingDown) {
                return CompletableFuture.failedFuture(shuttingDownError());
            }
            if (handover != null && (!handover.serves(slot.id()) || !room.fitsAsIs(new RouterEffects(this, after), ticket))) {
                return CompletableFuture.failedFuture(new RoutingException(Kind.RELOADING, refusalMessage));
            }
            // one the configuration before a reload let in keeps its place: the new limit is for new arrivals;
            // a Load command is no client's request, and never held by the limit
            boolean overLimit = !ticket.load && slot.atLimit() && !ticket.route.letIn();
            if (overLimit && handover != null) {
                // a reload is handing this router over: its timer ends with it, so nothing is held
                return CompletableFuture.failedFuture(slot.tooManyRequests(""));
            } else if (overLimit) {
                limitGrace.hold(ticket);
            } else {
                if (ticket.load) {
                    slot.loads++; // counted apart from the clients' requests from the moment it is in the demand
                }
                queue(ticket);
                pump(after);
                if (!ticket.admitted) {
                    publishInFlight(slot);
                }
            }
        }
        after.forEach(Runnable::run);
        ticket.result.whenComplete((lease, error) -> {
            if (ticket.result.isCancelled()) {
                withdraw(ticket);
            }
        });
        return ticket.result;
    }

    /** Guarded by this. Into the scheduler's queue, where it counts towards its model's limit. */
    private void queue(Ticket ticket) {
        ticket.arrivalNanos = ticket.route.waitingSince().orElseGet(System::nanoTime);
        scheduler.add(ticket, config.routing().priority(ticket.model()), ticket.arrivalNanos);
        ticket.slot.queued++;
        ticket.queued = true;
    }

    /** Guarded by this. Requests held past the limit take the room under it, oldest first. */
    private void queueHeldUnderLimit(ModelSlot slot) {
        for (Ticket held = slot.heldWithRoom(); held != null; held = slot.heldWithRoom()) {
            queue(held);
        }
    }

    /** A request whose future was cancelled (its client left): out of the queue, or its slot given back. */
    private void withdraw(Ticket ticket) {
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            if (scheduler.remove(ticket)) {
                ticket.slot.queued--;
                queueHeldUnderLimit(ticket.slot);
                publishInFlight(ticket.slot);
                log.log(LogLevel.DEBUG, ticket.model(), "a waiting request for " + ticket.model() + " was withdrawn");
                pump(after);
            } else {
                ticket.slot.unhold(ticket);
            }
        }
        after.forEach(Runnable::run);
        if (ticket.admitted) {
            release(ticket, true);
        }
    }

    /**
     * Stops one model at once, even with requests in flight (they fail). Requests and Load commands
     * still queued for it (waiting for a swap to make room) fail too, as those waiting for a start
     * that the unload interrupts do: otherwise the model would start once the swap is done.
     */
    public CompletableFuture<Void> unload(String modelId) {
        return stops.unload(slot(modelId));
    }

    /**
     * Stops every model at once and leaves the active list profile. As for {@link #unload(String)},
     * whatever still waits for a model to start fails, so no model waiting for a swap starts afterwards.
     */
    public CompletableFuture<Void> unloadAll() {
        return stops.unloadAll();
    }

    /** Applies a change under the lock, lets the scheduler react, then carries out what it decided. */
    void changed(Runnable change) {
        changedThen(after -> change.run());
    }

    /** As {@link #changed(Runnable)}, for a change that leaves work on {@code after} to run outside the lock. */
    void changedThen(Consumer<List<Runnable>> change) {
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            change.accept(after);
            pump(after);
        }
        after.forEach(Runnable::run);
    }

    /** Refuses new work, fails every queued request with 503, shuts every process down in parallel. */
    public CompletableFuture<Void> shutdown() {
        return retire(SHUTTING_DOWN);
    }

    /** Like {@link #shutdown()}, with the message refused requests get (a reload explains itself). */
    public CompletableFuture<Void> retire(String refusal) {
        return stops.retire(refusal);
    }

    /** Guarded by this. Empties the queue and every held request, for a retirement or a handover to refuse. */
    List<Ticket> drainWaiting() {
        List<Ticket> waiting = new ArrayList<>(scheduler.drain());
        slots.values().forEach(s -> {
            s.queued = 0;
            waiting.addAll(s.dropHeld());
        });
        return waiting;
    }

    /** The list profile whose members form the running set, if one is. */
    public synchronized Optional<String> activeProfile() {
        return activeProfile;
    }

    /** The active pin profile's name, if one is (none after start and after a reload, as in llama-swap). */
    public Optional<String> activePinProfile() {
        return pins.get().map(PinProfile::name);
    }

    /** Switches the active pin profile (empty: none); {@code UNKNOWN_MODEL} for an unknown name. */
    public void activatePinProfile(Optional<String> name) {
        pins.activate(name);
    }

    /** Every model's status, sorted by id. */
    public List<ModelStatus> models() {
        List<ModelStatus> statuses = new ArrayList<>(slots.size());
        long now = System.nanoTime();
        synchronized (this) {
            for (ModelSlot slot : slots.values()) {
                statuses.add(new ModelStatus(slot.process.config(), slot.process.info(), slot.requests(), slot.loads,
                        ModelRouting.listProfilesOf(config, slot.id()), slot.ttlRemaining(now),
                        routingOf.get(slot.id())));
            }
        }
        return statuses;
    }

    /** Gives an admitted request's in-flight count back, once, however often it is asked. */
    void release(Ticket ticket) {
        release(ticket, false);
    }

    /**
     * {@link #release(Ticket)}; {@code clientLeft}: the request's client left before its answer ended,
     * so its model does not linger for a next request from it, and a swap waiting for it goes now.
     */
    void release(Ticket ticket, boolean clientLeft) {
        if (ticket.release()) {
            release(ticket.slot, ticket, clientLeft);
        }
    }

    /** One request of this model's is over; during a reload, a kept model's count moves to the new router. */
    void release(ModelSlot slot) {
        release(slot, null, false);
    }

    private void release(ModelSlot slot, Ticket ticket, boolean clientLeft) {
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            if (ticket != null) {
                settleLoad(ticket);
            }
            if (handover == null || !handover.released(slot, after)) {
                slot.inFlight--;
                slot.idleSinceNanos = System.nanoTime();
                if (!clientLeft && slot.process.state() != ProcessState.STOPPED) {
                    slot.answeredNanos = slot.idleSinceNanos;
                }
                queueHeldUnderLimit(slot);
                publishInFlight(slot);
                pump(after);
            }
        }
        after.forEach(Runnable::run);
    }

    /** Called by the {@link IdleReaper} when a model's process died: nothing lingers for it, a swap may go. */
    void died(String id) {
        ModelSlot slot = slots.get(id);
        if (slot != null) {
            changed(slot::died);
        }
    }

    /** Called by the {@link IdleReaper} a few times a second: TTL stops, and overdue or lingering requests. */
    void expireIdle() {
        stops.expireIdle();
    }

    /** Guarded by this. One pass of the scheduler over the queue (none needed when it is empty). */
    void pump(List<Runnable> after) {
        if (!scheduler.isEmpty()) {
            room.pass(scheduler, new RouterEffects(this, after), System.nanoTime(), this::publishInFlight, after);
        }
    }

    /** Guarded by this. What a swap must make room next to: the residents and every live process. */
    Set<String> occupying() {
        return residents.occupyingWith(slots);
    }

    /**
     * Makes an admitted request's model ready, then hands its caller a lease (unless it left). A
     * start that ends after a reload began stopping its model (it may turn ready as the stop is sent)
     * hands none: the request is routed again in the new configuration. A model ready already needs
     * no look (a reload that begins now counts this request and stops the model after it), so a warm
     * request takes the router's lock no more often than before.
     */
    void start(Ticket ticket) {
        CompletableFuture<Void> ready = ticket.slot.process.ensureReady();
        boolean waited = !ready.isDone();
        ready.whenComplete((done, error) -> {
            Optional<RoutingException> reloading = error != null || waited
                    ? reloadingAway(ticket.slot.id()) : Optional.empty();
            if (error != null || reloading.isPresent()) {
                release(ticket);
                ticket.result.completeExceptionally(reloading.orElseGet(() -> RoutingException.of(error)));
                return;
            }
            Lease lease = new SlotLease(this, ticket);
            if (ticket.released() || !ticket.result.complete(lease)) {
                lease.close();
            }
        });
    }

    /** The refusal for a start a reload stopped (the request is routed again there), if {@code id} is changing. */
    private synchronized Optional<RoutingException> reloadingAway(String id) {
        return handover != null && !handover.keeps(id)
                ? Optional.of(RoutingException.reloading(refusalMessage, true)) : Optional.empty();
    }

    synchronized RoutingException shuttingDownError() {
        return new RoutingException(Kind.SHUTTING_DOWN, refusalMessage);
    }

    /** Guarded by this. */
    void setActiveProfile(Optional<String> profile) {
        if (!profile.equals(activeProfile)) {
            activeProfile = profile;
            bus.publish(new ActiveProfileChanged(profile, Instant.now()));
            log.info(profile.map(p -> "profile '" + p + "' is now the running set")
                    .orElse("running models as the routing rules allow"));
        }
    }

    void publishInFlight(ModelSlot slot) {
        bus.publish(new InFlightChanged(slot.id(), slot.requests(), Instant.now()));
    }

    ModelSlot slot(String id) {
        ModelSlot slot = slots.get(id);
        if (slot == null) {
            throw new RoutingException(Kind.UNKNOWN_MODEL, "no model '" + id + "'");
        }
        return slot;
    }
}
