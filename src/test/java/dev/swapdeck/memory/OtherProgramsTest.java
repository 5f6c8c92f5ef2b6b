package dev.swapdeck.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What plans count for other programs beside 2 GiB a desktop's graphics hold, which nvidia-smi's
 * compute query lists for no process, while models start, run and hold memory the reading may not name.
 */
class OtherProgramsTest {
    private static final long GIB = ByteSize.GIB;

    private static Sample sample(long used, Map<String, Long> byModel) {
        return new Sample(Reading.Source.GPU, Instant.now(), List.of(new Device("GPU 0", 24 * GIB, used)), byModel, 0, 0);
    }

    private static long predicted(String model) {
        return 2 * GIB;
    }

    @Test
    void onceReadingsNamedAModelsProcessesAStartingModelHidesNothing() {
        OtherPrograms others = new OtherPrograms();
        others.add(sample(6 * GIB, Map.of("a", 4 * GIB)), OtherProgramsTest::predicted, false, Set.of("a")::contains);
        assertEquals(2 * GIB, others.current());

        others.add(sample(6 * GIB, Map.of("a", 4 * GIB, "b", 0L)), OtherProgramsTest::predicted, false,
                Set.of("a")::contains);
        assertEquals(2 * GIB, others.current(), "b starts and has not allocated: the 2 GiB are the desktop's");
    }

    @Test
    void aFootprintSavedByAnEarlierRunSaysSoFromTheFirstStart() {
        OtherPrograms others = new OtherPrograms();
        others.add(sample(2 * GIB, Map.of("b", 0L)), OtherProgramsTest::predicted, true, Set.<String>of()::contains);
        assertEquals(2 * GIB, others.current());
    }

    @Test
    void aReadyModelTheReadingNeverNamesMayHoldWhatIsListedForNoProcess() {
        // a server the compute query leaves out beside one it names, or WSL2 with a footprint saved elsewhere
        OtherPrograms others = new OtherPrograms();
        others.add(sample(8 * GIB, Map.of("a", 4 * GIB, "v", 0L)), OtherProgramsTest::predicted, true,
                Set.of("a", "v")::contains);
        assertEquals(2 * GIB, others.current(), "v's 2 GiB are among the 4 listed for no process, not another program's");
    }

    @Test
    void whereReadingsNeverNameAModelsProcessesWhatIsListedForNoneMayBeItsMemory() {
        OtherPrograms others = new OtherPrograms();
        // WSL2 or a container: b's 2 GiB are among what is listed for no process, beside the desktop's 2
        others.add(sample(4 * GIB, Map.of("b", 0L)), OtherProgramsTest::predicted, false, Set.<String>of()::contains);
        assertEquals(2 * GIB, others.current());
    }
}
