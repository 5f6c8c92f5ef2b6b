package dev.swapdeck.memory;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A report is published again when the window would draw it differently, and not for allocator jitter. */
class MemoryReportsTest {
    private static final long G = ByteSize.GIB;

    @Test
    void aModelThatStartsRunningWithNothingMeasuredIsNews() {
        assertTrue(MemoryReports.differ(report(0, false), report(0, true)), "the bar now draws it at its prediction");
    }

    @Test
    void aFewMebibytesMoreMeasuredAreNot() {
        assertFalse(MemoryReports.differ(report(4 * G, true), report(4 * G + ByteSize.MIB, true)));
    }

    @Test
    void nvidiaSmiFailingOrAnsweringAgainIsNews() {
        MemoryReport current = report(4 * G, true);
        MemoryReport stale = new MemoryReport(current.source(), current.sampledAt(), Optional.of("nvidia-smi failed"),
                current.budget(), current.reserve(), current.devices(), current.swapdeck(), current.other(), current.models());
        assertTrue(MemoryReports.differ(current, stale));
        assertTrue(MemoryReports.differ(stale, current));
    }

    private static MemoryReport report(long measured, boolean running) {
        return new MemoryReport(Optional.of("gpu"), Optional.of(Instant.EPOCH), Optional.empty(), 20 * G, 0,
                List.of(new Device("GPU 0", 24 * G, 6 * G)), 4 * G, 2 * G,
                Map.of("m", new MemoryReport.Footprint(measured, 4 * G, Prediction.Basis.DECLARED, false, running)));
    }
}
