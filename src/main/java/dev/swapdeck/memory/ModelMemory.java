package dev.swapdeck.memory;

import java.util.Optional;

/**
 * A model's own memory settings.
 *
 * @param declared  {@code memory:}: the footprint to expect until one is measured
 * @param pinned    {@code pinned:}: never evicted to make room (a profile or group may still swap it)
 */
public record ModelMemory(Optional<Long> declared, boolean pinned) {

    public static final ModelMemory NONE = new ModelMemory(Optional.empty(), false);
}
