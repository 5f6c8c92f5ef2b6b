package dev.swapdeck.memory;

/**
 * A model that holds memory when a plan is made: running, starting, or on its way out.
 *
 * @param footprint  bytes it holds or will hold: the larger of its measured use and its prediction
 * @param busy       requests are in flight or queued for it: evicting it means waiting for them
 * @param leaving    already being stopped: its room comes free without evicting anything
 * @param lastUsed   when its last request ended ({@link System#nanoTime()} scale); smaller is older
 */
public record Occupant(String id, long footprint, boolean pinned, boolean busy, boolean leaving, long lastUsed) {
}
