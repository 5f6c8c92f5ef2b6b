package dev.swapdeck.routing;

import dev.swapdeck.process.ModelProcess;
import dev.swapdeck.process.ProcessState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A reload's hand-over from the router of the old configuration to the new one. Models whose
 * settings did not change are <em>kept</em>: their processes move to the new router as they are
 * (running, with their in-flight requests), and the old router keeps serving them until the move.
 * Every other model takes no new requests and is stopped once its in-flight requests have finished,
 * or at once while it is still starting (the requests waiting for that start are routed again in the
 * new configuration); the new router is installed after that ({@link #dropped()}), so a changed model
 * never starts while its old server still holds the port. The fields the old router reads are guarded by its lock.
 */
public final class Handover {
    private final Router old;
    private final Set<String> kept;
    private final Map<String, ModelProcess> processes = new TreeMap<>();
    private final Map<String, CompletableFuture<Void>> stops = new ConcurrentHashMap<>();
    private final Map<String, Integer> waitingFor = new TreeMap<>();
    private Router successor;

    private Handover(Router old, Set<String> kept) {
        this.old = old;
        this.kept = Set.copyOf(kept);
        old.slots.forEach((id, slot) -> {
            if (kept.contains(id)) {
                processes.put(id, slot.process);
            } else {
                stops.put(id, new CompletableFuture<>());
            }
        });
    }

    /**
     * Step one: {@code old} takes no new requests except for the {@code kept} models (while they need
     * no swap and are under their limit), fails its queue and the requests it holds past a limit with
     * {@code RELOADING} (the engine routes them again in the new configuration), and stops every other
     * model once idle.
     */
    public static Handover begin(Router old, Set<String> kept, String refusal) {
        List<Ticket> refused;
        List<ModelSlot> idle = new ArrayList<>();
        Handover h = new Handover(old, kept);
        synchronized (old) {
            old.handover = h;
            old.refusalMessage = refusal;
            refused = old.drainWaiting();
            // a start under way is stopped too: its requests have reached nothing yet, and waiting it out
            // (up to the health check timeout) would hold every start and swap of the new configuration
            old.slots.values().stream().filter(s -> !h.keeps(s.id())
                    && (s.inFlight == 0 || s.process.state() == ProcessState.STARTING)).forEach(idle::add);
            old.slots.values().stream().filter(s -> !h.keeps(s.id()) && !idle.contains(s))
                    .forEach(s -> h.waitingFor.put(s.id(), s.inFlight));
        }
        refused.forEach(t -> t.result.completeExceptionally(RoutingException.reloading(refusal, t.letIn())));
        idle.forEach(h::drained);
        return h;
    }

    /** The changed or removed models that were serving requests as the hand-over began, and how many each. */
    public Map<String, Integer> waitingFor() {
        return Map.copyOf(waitingFor);
    }

    /**
     * Step two, once {@link #dropped()}: {@code next} (built over {@link #processes()}) takes the kept
     * models over with their in-flight counts; the old router's leases on them release into it.
     */
    public void passTo(Router next) {
        List<Ticket> refused;
        synchronized (old) {
            for (String id : processes.keySet()) {
                ModelSlot from = old.slots.get(id);
                ModelSlot to = next.slots.get(id);
                synchronized (next) {
                    to.inFlight = from.inFlight;
                    to.idleSinceNanos = from.idleSinceNanos;
                    to.answeredNanos = from.answeredNanos;
                    if (from.process.state() != ProcessState.STOPPED) {
                        next.residents.admitted(id);
                    }
                }
            }
            successor = next;
            refused = old.drainWaiting();
        }
        old.reaper.close();
        refused.forEach(t -> t.result.completeExceptionally(RoutingException.reloading(old.refusalMessage, t.letIn())));
    }

    /**
     * Guarded by the old router's lock. Whether the old router may still take a request for {@code id}
     * (if it needs nothing stopped): a kept model's until the hand-over, none after it, since from then
     * the new router counts the model's requests.
     */
    boolean serves(String id) {
        return successor == null && kept.contains(id);
    }

    public boolean keeps(String id) {
        return kept.contains(id);
    }

    /** The kept models' processes, by id, for the new router. */
    public Map<String, ModelProcess> processes() {
        return Map.copyOf(processes);
    }

    /** Completes once every model that is not kept has stopped. */
    public CompletableFuture<Void> dropped() {
        return CompletableFuture.allOf(stops.values().toArray(CompletableFuture[]::new));
    }

    /**
     * Called by the old router, under its lock, when one of its leases closes. A kept model's lease
     * releases into the new router once there is one (returns true: the old router counts nothing);
     * the last request of a model that is not kept lets it stop (returns false: counted as usual).
     */
    boolean released(ModelSlot slot, List<Runnable> after) {
        if (kept.contains(slot.id()) && successor != null) {
            Router next = successor;
            after.add(() -> next.release(next.slots.get(slot.id())));
            return true;
        }
        if (!kept.contains(slot.id()) && slot.inFlight == 1) {
            after.add(() -> drained(slot));
        }
        return false;
    }

    /** Stops a model that is not kept, now that nothing is in flight on it. Call outside the lock. */
    void drained(ModelSlot slot) {
        CompletableFuture<Void> done = stops.get(slot.id());
        if (done != null && !done.isDone()) {
            slot.process.stop("configuration reloaded: its settings changed or it was removed")
                    .whenComplete((v, e) -> done.complete(null));
        }
    }
}
