package dev.swapdeck.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.state.StateFolder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The budget a plan works with. */
class MemoryModelsTest {
    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    private MemoryModels models(Optional<Long> budget) {
        return new MemoryModels(new MemoryConfig(true, budget, 0), List.of(),
                new Footprints(new StateFolder(dir), new LogHub(new EventBus())));
    }

    private static Sample gpuOf(long total) {
        return new Sample(Reading.Source.GPU, Instant.now(), List.of(new Device("GPU 0", total, 0)), Map.of(), 0, 0);
    }

    /** SPEC §11: the budget is memory Swapdeck may fill; what the GPUs do not hold cannot be filled. */
    @Test
    void aBudgetBeyondTheGpusIsTheirTotal() {
        MemoryModels models = models(Optional.of(100 * GIB));
        assertEquals(24 * GIB, models.budget(Optional.of(gpuOf(24 * GIB))));
        assertTrue(models.budgetBeyond(gpuOf(24 * GIB)));
        assertEquals(100 * GIB, models.budget(Optional.empty()), "before any sample, as configured");
    }

    @Test
    void aBudgetWithinTheGpusStandsAndNoneIsTheirTotal() {
        assertEquals(20 * GIB, models(Optional.of(20 * GIB)).budget(Optional.of(gpuOf(24 * GIB))));
        assertFalse(models(Optional.of(20 * GIB)).budgetBeyond(gpuOf(24 * GIB)));
        assertEquals(24 * GIB, models(Optional.empty()).budget(Optional.of(gpuOf(24 * GIB))));
    }
}
