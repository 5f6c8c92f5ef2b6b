package dev.swapdeck.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
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

    @Test
    void aProgressBarsFrameTakesThePlaceOfTheFrameBeforeItFromTheSameModel() {
        LogRing ring = new LogRing(LogHub.HISTORY_BYTES);
        ring.add(line(1, "a", "loading"), false);
        ring.add(line(2, "a", "10%"), true);
        ring.add(line(3, "a", "20%"), true);
        ring.add(line(4, "b", "b's 5%"), true);
        ring.add(line(5, "a", "30%"), true);
        ring.add(line(6, "a", "done"), false);
        ring.add(line(7, "a", "40%"), true);
        assertEquals(List.of("loading", "20%", "b's 5%", "30%", "done", "40%"), texts(ring));

        for (int i = 0; i < 10_000; i++) {
            ring.add(line(8 + i, "a", "frame " + i), true);
        }
        assertEquals(List.of("loading", "20%", "b's 5%", "30%", "done", "frame 9999"), texts(ring),
                "a long bar keeps what came before it");
    }

    private static LogLine line(long seq, String model, String text) {
        return new LogLine(seq, Instant.EPOCH, LogStream.UPSTREAM, model, LogLevel.INFO, text);
    }

    private static List<String> texts(LogRing ring) {
        return ring.snapshot().stream().map(LogLine::text).toList();
    }
}
