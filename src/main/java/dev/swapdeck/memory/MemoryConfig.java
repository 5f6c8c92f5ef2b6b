package dev.swapdeck.memory;

import java.util.Optional;

/**
 * The top-level {@code memory:} section. Without it Swapdeck swaps one model at a time (or by
 * profiles); with it, it runs what fits (SPEC §11).
 *
 * @param enabled  whether the file has a {@code memory:} section at all
 * @param budget   bytes Swapdeck may fill; empty means the total of the GPUs (or the RAM) it sees
 * @param reserve  bytes always left free for other programs
 */
public record MemoryConfig(boolean enabled, Optional<Long> budget, long reserve) {

    /** No {@code memory:} section: memory plays no part in swapping. */
    public static final MemoryConfig OFF = new MemoryConfig(false, Optional.empty(), 0);

    public MemoryConfig {
        if (reserve < 0 || budget.map(b -> b < 0).orElse(false)) {
            throw new IllegalArgumentException("memory sizes cannot be negative");
        }
    }
}
