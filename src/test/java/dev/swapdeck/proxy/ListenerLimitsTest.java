package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swapdeck.config.SecurityConfig;
import org.junit.jupiter.api.Test;

/** SPEC §8: the body budget and the clients held at once never ask for more of the heap or the descriptors than they can spare. */
class ListenerLimitsTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void theBodyBudgetIsAtMostAQuarterOfTheHeap() {
        SecurityConfig defaults = SecurityConfig.defaults();
        assertEquals(256 * MIB, ListenerLimits.from(defaults, 4096 * MIB, 0).bodyBudgetBytes(), "a large heap: as configured");
        assertEquals(64 * MIB, ListenerLimits.from(defaults, 256 * MIB, 0).bodyBudgetBytes(), "a 256 MiB heap (1 GiB of RAM)");
        assertEquals(256 * MIB, ListenerLimits.from(defaults, Long.MAX_VALUE, 0).bodyBudgetBytes(), "no limit known");
    }

    @Test
    void clientConnectionsLeaveRoomInTheDescriptorsAndTheHeap() {
        assertEquals(10_000, ListenerLimits.connections(4096 * MIB, 1 << 20), "a workstation: the most");
        assertEquals(10_000, ListenerLimits.connections(4096 * MIB, 0), "descriptors unknown");
        assertEquals(1_984, ListenerLimits.connections(4096 * MIB, 4096), "each with an upstream connection");
        assertEquals(64, ListenerLimits.connections(4096 * MIB, 256));
        assertEquals(1_024, ListenerLimits.connections(256 * MIB, 1 << 20), "64 MiB of unfinished 32 KiB heads");
        assertEquals(16, ListenerLimits.connections(4096 * MIB, 100), "never none");
    }
}
