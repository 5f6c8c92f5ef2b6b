package dev.swapdeck.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.activity.ActivityLog;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.process.StateChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LoadTimeMeterTest {

    /** An NTP step of two hours during a three-second load was recorded as a two-hour load. */
    @Test
    void aLoadIsTimedOnTheMonotonicClockNotTheWallClockThatJumpedDuringIt() throws Exception {
        EventBus bus = new EventBus();
        try (SwapdeckMetrics metrics = new SwapdeckMetrics(bus, new ActivityLog(bus, 16), List.of("a"))) {
            Instant start = Instant.now();
            long nanos = System.nanoTime();
            bus.publish(new StateChanged("a", ProcessState.STOPPED, ProcessState.STARTING, start, nanos, "test",
                    false, OptionalInt.empty()));
            bus.publish(new StateChanged("a", ProcessState.STARTING, ProcessState.READY,
                    start.plus(Duration.ofHours(2)).plusSeconds(3), nanos + 3_000_000_000L, "test", false, OptionalInt.empty()));
            String scrape = metrics.scrape();
            assertTrue(scrape.contains("swapdeck_model_load_seconds_sum{model=\"a\"} 3.0"), scrape);
        }
    }
}
