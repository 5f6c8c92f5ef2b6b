package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swapdeck.config.SecurityConfig;
import org.junit.jupiter.api.Test;

/** SPEC §8: the body budget never asks for more of the heap than it can spare. */
class ListenerLimitsTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void theBodyBudgetIsAtMostAQuarterOfTheHeap() {
        SecurityConfig defaults = SecurityConfig.defaults();
        assertEquals(256 * MIB, ListenerLimits.from(defaults, 4096 * MIB).bodyBudgetBytes(), "a large heap: as configured");
        assertEquals(64 * MIB, ListenerLimits.from(defaults, 256 * MIB).bodyBudgetBytes(), "a 256 MiB heap (1 GiB of RAM)");
        assertEquals(256 * MIB, ListenerLimits.from(defaults, Long.MAX_VALUE).bodyBudgetBytes(), "no limit known");
    }
}
