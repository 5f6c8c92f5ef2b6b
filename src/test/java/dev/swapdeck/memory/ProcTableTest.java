package dev.swapdeck.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Process trees and resident memory from the real {@code /proc}, with a real process tree. */
class ProcTableTest {

    @Test
    void aPidBelowAModelsProcessIsAttributedToThatModel() throws Exception {
        Process shell = new ProcessBuilder("sh", "-c", "sleep 30 & wait").start();
        try {
            long root = shell.pid();
            long child = awaitChild(shell);
            ProcTable table = ProcTable.read(Path.of("/proc"));
            assertTrue(table.tree(root).containsAll(Set.of(root, child)), table.tree(root).toString());
            assertFalse(table.tree(root).contains(ProcessHandle.current().pid()));

            long mine = ProcessHandle.current().pid();
            Reading gpu = new Reading(Reading.Source.GPU, List.of(new Device("GPU 0", 1000, 900)),
                    Map.of(child, 300L, mine, 200L));
            Sample sample = Sample.attribute(gpu, Map.of("m", Set.of(root)), table, Set.of(), Instant.now());
            assertEquals(300, sample.measured("m"), "the worker's memory counts for the model that started it");
            assertEquals(600, sample.other(m -> 999, mayHold -> false), "the rest of memory.used belongs to other programs");
            assertEquals(300, sample.swapdeck(m -> 999), "a measured model is counted at its measurement");
        } finally {
            shell.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aModelWhoseProcessesTheReadingCannotNameCountsAtItsPrediction() throws Exception {
        Process server = new ProcessBuilder("sleep", "30").start();
        try {
            ProcTable table = ProcTable.read(Path.of("/proc"));
            // nvidia-smi on WSL2: "<pid>, [N/A]" per process, read as 0; in a container: no process at all
            for (Map<Long, Long> byPid : List.of(Map.of(server.pid(), 0L), Map.<Long, Long>of())) {
                Reading gpu = new Reading(Reading.Source.GPU, List.of(new Device("GPU 0", 12288, 6000)), byPid);
                Sample sample = Sample.attribute(gpu, Map.of("m1", Set.of(server.pid())), table, Set.of(), Instant.now());
                assertEquals(6000, sample.swapdeck(m -> 6000), byPid.toString());
                assertEquals(0, sample.other(m -> 6000, mayHold -> true), "its own model is not another program: " + byPid);
            }
        } finally {
            server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aModelThatHasNotAllocatedYetHidesNothingAnotherProgramHolds() throws Exception {
        Process server = new ProcessBuilder("sleep", "30").start();
        try {
            ProcTable table = ProcTable.read(Path.of("/proc"));
            long phantom = Long.MAX_VALUE - 7;
            // the model starts (or started since the reading that stands): the reading lists only another program
            Reading gpu = new Reading(Reading.Source.GPU, List.of(new Device("GPU 0", 24576, 6144)), Map.of(phantom, 6144L));
            Sample sample = Sample.attribute(gpu, Map.of("u2", Set.of(server.pid())), table, Set.of(), Instant.now());
            assertEquals(8192, sample.swapdeck(m -> 8192), "the starting model counts at its prediction");
            assertEquals(6144, sample.other(m -> 8192, mayHold -> false), "and the program the reading lists still holds its memory");
            assertEquals(6144, sample.other(m -> 8192, mayHold -> true), "whether or not it may hold unlisted memory");

            // the same model's 8 GiB held but listed for no process (a container): not another program's
            Reading unlisted = new Reading(Reading.Source.GPU, List.of(new Device("GPU 0", 24576, 14336)),
                    Map.of(phantom, 6144L));
            assertEquals(6144, Sample.attribute(unlisted, Map.of("u2", Set.of(server.pid())), table, Set.of(), Instant.now())
                    .other(m -> 8192, mayHold -> true));

            // a model that starts where readings name models' processes: what is listed for no process is a desktop's
            Reading graphics = new Reading(Reading.Source.GPU, List.of(new Device("GPU 0", 24576, 2048)), Map.of());
            Sample starting = Sample.attribute(graphics, Map.of("u2", Set.of(server.pid())), table, Set.of(), Instant.now());
            assertEquals(2048, starting.other(m -> 8192, mayHold -> false), "a model that has not allocated yet holds none of it");
        } finally {
            server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void memoryOfAPidNeverSeenAliveIsAnotherProgramsAndOfOneJustGoneNobodys() throws Exception {
        ProcTable table = ProcTable.read(Path.of("/proc"));
        long phantom = Long.MAX_VALUE - 7;
        Reading gpu = new Reading(Reading.Source.GPU, List.of(new Device("GPU 0", 12288, 13000)),
                Map.of(phantom, 2000L));
        assertEquals(13000, Sample.attribute(gpu, Map.of(), table, Set.of(), Instant.now()).other(m -> 0, mayHold -> false),
                "a process of another pid namespace (a container's, or the host's) holds it");
        assertEquals(11000, Sample.attribute(gpu, Map.of(), table, Set.of(phantom), Instant.now()).other(m -> 0, mayHold -> false),
                "alive at the last sample and exited since: memory being freed");
    }

    @Test
    void residentMemoryAndRamComeFromProc() throws Exception {
        ProcTable table = ProcTable.read(Path.of("/proc"));
        long mine = table.resident(ProcessHandle.current().pid());
        assertTrue(mine > 10 * ByteSize.MIB, "this JVM's VmRSS: " + mine);
        Device ram = ProcTable.ram(Path.of("/proc"));
        assertTrue(ram.total() > ram.used() && ram.used() > mine, ram.toString());
        assertEquals(0, table.resident(Long.MAX_VALUE - 1), "a process that does not exist uses nothing");
    }

    private static long awaitChild(Process shell) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            var child = shell.toHandle().children().findFirst();
            if (child.isPresent()) {
                return child.get().pid();
            }
            Thread.sleep(25);
        }
        throw new AssertionError("sh never started its child");
    }
}
