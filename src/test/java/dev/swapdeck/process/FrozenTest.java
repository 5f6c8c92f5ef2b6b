package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A wait's overrun counts as a freeze only far past what a busy machine delays a thread. */
class FrozenTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void onlyAnOverrunPastTheThresholdIsAFreeze() {
        assertEquals(0, Frozen.during(10 * MS, 10 * MS), "on time");
        assertEquals(0, Frozen.during(1_900 * MS, 10 * MS), "a busy machine's delay");
        assertEquals(20_000 * MS - 10 * MS, Frozen.during(20_000 * MS, 10 * MS), "a 20 s freeze in a 10 ms sleep");
        assertEquals(0, Frozen.during(3_000 * MS, 2_000 * MS), "a probe that took its whole time and a little");
        assertEquals(0, Frozen.during(5 * MS, -3 * MS), "a wait asked for nothing");
    }
}
