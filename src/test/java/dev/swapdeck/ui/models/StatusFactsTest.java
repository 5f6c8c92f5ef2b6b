package dev.swapdeck.ui.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swapdeck.process.ProcessInfo;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.routing.ModelStatus;
import dev.swapdeck.testing.TestModels;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StatusFactsTest {

    /**
     * A server that took 4 s to load has been ready for 2 s, though it has been up for 6, measured on
     * the monotonic clock: the wall clock went back an hour after the spawn, as NTP may set it.
     */
    @Test
    void readyForCountsFromReadinessAndTheUptimeFromTheSpawnWhateverTheWallClockDid() {
        long now = TimeUnit.HOURS.toNanos(5);
        Instant wall = Instant.parse("2026-12-02T11:00:00Z");
        ProcessInfo info = new ProcessInfo(ProcessState.READY, OptionalLong.of(42), wall.minusSeconds(2),
                now - TimeUnit.SECONDS.toNanos(2), Optional.of(wall.plusSeconds(3600 - 6)), now - TimeUnit.SECONDS.toNanos(6),
                1, Optional.empty(), true, OptionalInt.empty());
        ModelRow row = new ModelRow("m");
        StatusFacts.apply(row, new ModelStatus(TestModels.model("m").build(), info, 0, List.of(), Optional.empty()),
                Duration.ofSeconds(60), now, Optional.empty());
        assertEquals("ready for 2s", row.stateTextProperty().get());
        assertEquals("6s", row.uptimeProperty().get());
    }
}
