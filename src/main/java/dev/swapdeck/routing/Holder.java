package dev.swapdeck.routing;

import dev.swapdeck.process.ProcessState;

/**
 * A model that may hold memory when the router plans: resident (admitted to run) or still stopping.
 *
 * @param busy           requests are in flight or queued for it
 * @param leaving        already being stopped (unload, TTL, or a swap under way)
 * @param lastUsedNanos  {@link System#nanoTime()} at the end of its last request
 */
public record Holder(String id, ProcessState state, boolean busy, boolean leaving, long lastUsedNanos) {

    static Holder of(ModelSlot slot, boolean leaving) {
        return new Holder(slot.id(), slot.process.state(), slot.demand() > 0, leaving, slot.idleSinceNanos);
    }

    /** Whether its process exists, so it holds (or is about to hold) memory. */
    public boolean holdsMemory() {
        return state == ProcessState.STARTING || state == ProcessState.READY || state == ProcessState.STOPPING;
    }
}
