package dev.swapdeck.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.logging.LogLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Samples against real processes and a script that answers as nvidia-smi does, then fails. */
@EnabledOnOs(OS.LINUX)
class MemoryProbeTest {
    private static final long GIB = 1L << 30;

    /**
     * While nvidia-smi fails, its last reading stands; a model stopped since is still listed there,
     * and its memory must not turn into another program's (that would shrink the room and evict).
     */
    @Test
    void whileNvidiaSmiFailsAStoppedModelsMemoryIsNotAnotherProgramsOnAnySample(@TempDir Path dir) throws Exception {
        Process a = new ProcessBuilder("sleep", "60").start();
        Process c = new ProcessBuilder("sleep", "60").start();
        try {
            Path failing = dir.resolve("failing");
            Path smi = dir.resolve("nvidia-smi");
            Files.writeString(smi, String.join("\n", "#!/bin/sh",
                    "[ -e " + failing + " ] && { echo 'NVIDIA-SMI has failed'; exit 9; }",
                    "case \"$1\" in",
                    "  --query-gpu=*) echo '0, 24576, 17408';;",
                    "  *) echo '" + a.pid() + ", 8192'; echo '" + c.pid() + ", 9216';;",
                    "esac", ""));
            Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwx------"));
            MemoryProbe probe = new MemoryProbe(new NvidiaSmi(smi.toString(), Duration.ofSeconds(5)), Path.of("/proc"),
                    new LogHub(new EventBus()), Clock.systemUTC());

            Sample both = probe.sample(() -> Map.of("a", a.pid(), "c", c.pid()));
            assertEquals(0, both.other(model -> 0, mayHold -> false));

            Files.createFile(failing);
            a.destroyForcibly().waitFor();
            for (int sample = 1; sample <= 3; sample++) {
                Sample stale = probe.sample(() -> Map.of("c", c.pid()));
                assertEquals(9 * GIB, stale.swapdeck(model -> 0), "sample " + sample);
                assertEquals(0, stale.other(model -> 0, mayHold -> false), "a's 8 GiB is gone, not another program's: sample " + sample);
                assertEquals(both.at(), stale.at(), "dated when it was read, not now: sample " + sample);
                assertEquals(Optional.of(smi + " exited with code 9: NVIDIA-SMI has failed"),
                        probe.problem());
            }

            Files.delete(failing);
            Sample renewed = probe.sample(() -> Map.of("c", c.pid()));
            assertTrue(renewed.at().isAfter(both.at()));
            assertEquals(Optional.empty(), probe.problem());
        } finally {
            a.destroyForcibly();
            c.destroyForcibly();
        }
    }

    /**
     * A model that stopped while nvidia-smi ran holds nothing: counted at its prediction, a swap's
     * sample read as over budget ("models 28 GiB" of 24 with two 8 GiB models running).
     */
    @Test
    void aModelThatStoppedWhileNvidiaSmiRanIsNotCountedAtItsPrediction(@TempDir Path dir) throws Exception {
        Process a = new ProcessBuilder("sleep", "60").start();
        Process c = new ProcessBuilder("sleep", "60").start();
        try {
            Path smi = script(dir, "case \"$1\" in",
                    "  --query-gpu=*) echo '0, 24576, 9216';;",
                    "  *) echo '" + c.pid() + ", 9216';;",
                    "esac");
            MemoryProbe probe = new MemoryProbe(new NvidiaSmi(smi.toString(), Duration.ofSeconds(5)), Path.of("/proc"),
                    new LogHub(new EventBus()), Clock.systemUTC());
            a.destroyForcibly().waitFor();
            AtomicInteger asked = new AtomicInteger();
            Sample swap = probe.sample(() -> asked.getAndIncrement() == 0
                    ? Map.of("a", a.pid(), "c", c.pid()) : Map.of("c", c.pid()));

            assertFalse(swap.runs("a"));
            assertEquals(9 * GIB, swap.swapdeck(model -> 8 * GIB));
            assertEquals(0, swap.other(model -> 8 * GIB, mayHold -> true));
        } finally {
            a.destroyForcibly();
            c.destroyForcibly();
        }
    }

    private static Path script(Path dir, String... lines) throws Exception {
        Path smi = dir.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\n" + String.join("\n", lines) + "\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwx------"));
        return smi;
    }

    /** Unified-memory systems (Jetson, GB10) print [N/A] for a GPU's totals: its memory is the RAM. */
    @Test
    void aGpuWithNoMemoryTotalsIsAccountedInRamSayingWhy(@TempDir Path dir) throws Exception {
        Path smi = script(dir, "case \"$1\" in --query-gpu=*) echo '0, [N/A], [N/A]';; esac");
        LogHub logs = new LogHub(new EventBus());
        MemoryProbe probe = new MemoryProbe(new NvidiaSmi(smi.toString(), Duration.ofSeconds(5)), Path.of("/proc"),
                logs, Clock.systemUTC());

        Sample sample = probe.sample(Map::of);

        assertEquals(Reading.Source.RAM, sample.source());
        assertTrue(sample.devices().get(0).total() > 0, "the RAM's size, not a budget of 0: " + sample.devices());
        assertTrue(logs.proxyHistory().stream().anyMatch(line -> line.text().contains("no memory total")),
                "the log says why: " + logs.proxyHistory());
    }

    /** Swapdeck's shutdown interrupts a sample in progress: that is not nvidia-smi failing. */
    @Test
    void aSampleCutShortByShutdownWarnsOfNothing(@TempDir Path dir) throws Exception {
        Path smi = script(dir, "case \"$1\" in --query-gpu=*) echo '0, 24576, 0';; esac", "exec sleep 30");
        LogHub logs = new LogHub(new EventBus());
        MemoryProbe probe = new MemoryProbe(new NvidiaSmi(smi.toString(), Duration.ofSeconds(20)), Path.of("/proc"),
                logs, Clock.systemUTC());
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread sampling = new Thread(() -> {
            try {
                probe.sample(Map::of);
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        sampling.start();
        Thread.sleep(300);
        sampling.interrupt();
        sampling.join(10_000);

        assertEquals(null, failed.get());
        List<LogLine> warnings = logs.proxyHistory().stream().filter(l -> l.level() == LogLevel.WARN).toList();
        assertEquals(List.of(), warnings);
    }

    /** nvidia-smi can take seconds to answer at first: one slow answer must not mean RAM for good. */
    @Test
    void aFirstAnswerTooSlowIsAskedForAgain(@TempDir Path dir) throws Exception {
        Path slowOnce = dir.resolve("slow-once");
        Files.createFile(slowOnce);
        Path smi = script(dir, "[ -e " + slowOnce + " ] && { rm " + slowOnce + "; exec sleep 5; }",
                "case \"$1\" in --query-gpu=*) echo '0, 24576, 0';; esac");
        LogHub logs = new LogHub(new EventBus());
        MemoryProbe probe = new MemoryProbe(new NvidiaSmi(smi.toString(), Duration.ofMillis(500)), Path.of("/proc"),
                logs, Clock.systemUTC());

        assertEquals(Reading.Source.RAM, probe.sample(Map::of).source(), "no answer yet: RAM meanwhile");
        assertEquals(Optional.of(smi + " did not answer within 500 ms"), probe.problem());
        Sample later = probe.sample(Map::of);

        assertEquals(Reading.Source.GPU, later.source(), "the GPU once nvidia-smi answers: " + logs.proxyHistory());
        assertEquals(24576 * ByteSize.MIB, later.total());
        assertEquals(Optional.empty(), probe.problem());
    }

    /** A first answer too slow, then a failure: RAM for the run, whose readings are current, not stale. */
    @Test
    void aSlowFirstAnswerThenAFailureSettlesOnRamReadNow(@TempDir Path dir) throws Exception {
        Path slowOnce = dir.resolve("slow-once");
        Files.createFile(slowOnce);
        Path smi = script(dir, "[ -e " + slowOnce + " ] && { rm " + slowOnce + "; exec sleep 5; }", "exit 9");
        MemoryProbe probe = new MemoryProbe(new NvidiaSmi(smi.toString(), Duration.ofMillis(500)), Path.of("/proc"),
                new LogHub(new EventBus()), Clock.systemUTC());

        probe.sample(Map::of);
        assertEquals(false, probe.renewed(), "nvidia-smi may still answer");
        Sample ram = probe.sample(Map::of);

        assertEquals(Reading.Source.RAM, ram.source());
        assertEquals(true, probe.renewed(), "a RAM reading is taken at each sample");
        assertEquals(Optional.empty(), probe.problem());
    }
}
