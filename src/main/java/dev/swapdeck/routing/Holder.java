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

    /**
     * Whether it holds memory, or is about to: its process exists, or it was admitted with a request
     * that waits for its start (the start runs once the router's lock is released, so a second request
     * planned before then must count it, or two models that do not fit both start).
     */
    public boolean holdsMemory() {
        return state == ProcessState.STARTING || state == ProcessState.READY || state == ProcessState.STOPPING
                || state == ProcessState.STOPPED && busy && !leaving;
    }
}
