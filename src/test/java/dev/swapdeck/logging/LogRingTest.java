package dev.swapdeck.logging;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogRingTest {

    @Test
    void aFullHistoryHoldsAbout100KbOfTypicalLines() {
        LogRing ring = new LogRing(LogHub.HISTORY_BYTES);
        String text = "x".repeat(79);
        for (int i = 0; i < 5_000; i++) {
            ring.add(new LogLine(i, Instant.EPOCH, LogStream.UPSTREAM, "m", LogLevel.INFO, text));
        }
        long kept = ring.snapshot().stream().mapToLong(line -> line.text().length() + 1).sum();
        assertTrue(kept >= 80 * 1024 && kept <= LogHub.HISTORY_BYTES, "bytes of text kept: " + kept);
    }
}
