package dev.swapdeck.routing;

import dev.swapdeck.process.ProcessState;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which models hold their resources, as the router sees them. Guarded by the owning router's lock.
 *
 * <ul>
 *   <li>{@code running}: allowed to run (admitted once, not stopped since);</li>
 *   <li>{@code stopping}: stopped outside a swap (unload, TTL) and not gone yet; they still hold their
 *       memory, so nothing starts next to them until they are gone;</li>
 *   <li>{@code evicting}: the victims of the swaps under way, which take no new requests.</li>
 * </ul>
 */
final class Residents {
    private final Set<String> running = new LinkedHashSet<>();
    private final Set<String> stopping = new LinkedHashSet<>();
    private final Set<String> evicting = new LinkedHashSet<>();

    /**
     * Everything that holds memory, what a swap must make room next to: the models admitted and not
     * stopped since, less those whose server is gone with no request of theirs in flight (a start that
     * failed, a crash: as in llama-swap, only what runs is weighed); the models stopping; and every model
     * whose process is alive, whether or not this router admitted it (a reload hands processes over).
     */
    Set<String> occupyingWith(Map<String, ModelSlot> slots) {
        Set<String> all = new LinkedHashSet<>();
        for (String id : running) {
            ModelSlot slot = slots.get(id);
            if (slot == null || slot.inFlight > 0 || slot.process.state() != ProcessState.STOPPED) {
                all.add(id);
            }
        }
        all.addAll(stopping);
        for (ModelSlot slot : slots.values()) {
            ProcessState state = slot.process.state();
            if (state != ProcessState.STOPPED && state != ProcessState.SHUTDOWN) {
                all.add(slot.id());
            }
        }
        return all;
    }

    void admitted(String model) {
        running.add(model);
    }

    /** The model leaves the running set; if its process is not stopped yet, it counts until it is. */
    void stopRequested(String model, boolean alreadyStopped) {
        running.remove(model);
        if (!alreadyStopped) {
            stopping.add(model);
        }
    }

    void stopFinished(String model) {
        stopping.remove(model);
    }

    /** Whether the model is on its way out: stopped outside a swap, or a victim of the swap under way. */
    boolean leaving(String model) {
        return stopping.contains(model) || evicting.contains(model);
    }

    boolean swapping() {
        return !evicting.isEmpty();
    }

    boolean evicting(String model) {
        return evicting.contains(model);
    }

    void swapStarted(Set<String> victims) {
        evicting.addAll(victims);
    }

    /** A swap was called off before it stopped anything: {@code victims} stay and take requests again. */
    void swapCalledOff(Set<String> victims) {
        evicting.removeAll(victims);
    }

    /** A swap has stopped {@code victims}. */
    void swapFinished(Set<String> victims) {
        running.removeAll(victims);
        stopping.removeAll(victims);
        evicting.removeAll(victims);
    }
}
