package dev.swapdeck.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two queries of SPEC §11, run against small scripts that answer as nvidia-smi does. */
class NvidiaSmiTest {
    @TempDir
    Path dir;

    private Path script(String body) throws IOException {
        Path file = dir.resolve("nvidia-smi");
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    @Test
    void asksExactlyTheTwoQueriesAndSumsAPidSeenOnTwoGpus() throws Exception {
        Path smi = script(String.join("\n",
                "case \"$*\" in",
                "  '--query-gpu=index,memory.total,memory.used --format=csv,noheader,nounits')",
                "    printf '0, 24576, 9000\\n1, 24576, 1000\\n';;",
                "  '--query-compute-apps=pid,used_memory --format=csv,noheader,nounits')",
                "    printf '4242, 8000\\n4242, 1000\\n77, [N/A]\\n';;",
                "  *) echo \"unexpected: $*\" >&2; exit 9;;",
                "esac"));
        Reading reading = new NvidiaSmi(smi.toString(), Duration.ofSeconds(5)).read();
        assertEquals(Reading.Source.GPU, reading.source());
        assertEquals(List.of(new Device("GPU 0", 24576 * ByteSize.MIB, 9000 * ByteSize.MIB),
                new Device("GPU 1", 24576 * ByteSize.MIB, 1000 * ByteSize.MIB)), reading.devices());
        assertEquals(Map.of(4242L, 9000 * ByteSize.MIB, 77L, 0L), reading.byPid());
    }

    @Test
    void aMissingProgramSaysSo() {
        IOException e = assertThrows(IOException.class,
                () -> new NvidiaSmi(dir.resolve("absent").toString(), Duration.ofSeconds(5)).read());
        assertTrue(e.getMessage().contains("absent"), e.getMessage());
    }

    @Test
    void aFailingProgramReportsItsExitCodeAndFirstLine() throws Exception {
        Path smi = script("echo 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.'; exit 9");
        IOException e = assertThrows(IOException.class, () -> new NvidiaSmi(smi.toString(), Duration.ofSeconds(5)).read());
        assertTrue(e.getMessage().contains("exited with code 9: NVIDIA-SMI has failed"), e.getMessage());
    }

    /** The GPU query answers and the process query fails: no reading, not one that credits every model nothing. */
    @Test
    void aProcessQueryThatOnlySaysWhyItFailedIsAFailure() throws Exception {
        Path smi = script(String.join("\n",
                "case \"$1\" in",
                "  --query-gpu=*) echo '0, 24576, 16384';;",
                "  *) echo 'Failed to initialize NVML: Unknown Error'; exit 255;;",
                "esac"));
        IOException e = assertThrows(IOException.class, () -> new NvidiaSmi(smi.toString(), Duration.ofSeconds(5)).read());
        assertTrue(e.getMessage().endsWith("exited with code 255: Failed to initialize NVML: Unknown Error"), e.getMessage());
    }

    /** A card's standing notice, printed by both queries with a non-zero exit, is no failure: no processes run. */
    @Test
    void aNoticeBothQueriesPrintIsNoFailure() throws Exception {
        Path smi = script(String.join("\n",
                "echo 'WARNING: infoROM is corrupted at gpu 0000:01:00.0'",
                "case \"$1\" in --query-gpu=*) echo '0, 24576, 500';; esac",
                "exit 14"));
        Reading reading = new NvidiaSmi(smi.toString(), Duration.ofSeconds(5)).read();
        assertEquals(List.of(new Device("GPU 0", 24576 * ByteSize.MIB, 500 * ByteSize.MIB)), reading.devices());
        assertEquals(Map.of(), reading.byPid());
    }

    @Test
    void aWrapperThatExitsNonZeroAfterAGoodAnswerIsBelieved() throws Exception {
        Path smi = script(String.join("\n",
                "case \"$1\" in",
                "  --query-gpu=*) echo '0, 8000, 100';;",
                "esac",
                "[ -f /nonexistent ] && echo never"));
        Reading reading = new NvidiaSmi(smi.toString(), Duration.ofSeconds(5)).read();
        assertEquals(List.of(new Device("GPU 0", 8000 * ByteSize.MIB, 100 * ByteSize.MIB)), reading.devices());
        assertEquals(Map.of(), reading.byPid(), "no compute apps");
    }

    @Test
    void aHungProgramIsKilledAtTheTimeout() throws Exception {
        Path smi = script("exec sleep 30");
        IOException e = assertThrows(IOException.class,
                () -> new NvidiaSmi(smi.toString(), Duration.ofMillis(300)).read());
        assertTrue(e.getMessage().contains("did not answer within 300 ms"), e.getMessage());
    }

    /** A wrapper (around ssh, docker exec) whose child keeps it waiting: the child is killed with it. */
    @Test
    void aHungWrappersChildIsKilledWithIt() throws Exception {
        Path smi = script("sleep 31.5\necho never");
        IOException e = assertThrows(IOException.class, () -> new NvidiaSmi(smi.toString(), Duration.ofMillis(300)).read());
        assertTrue(e.getMessage().contains("did not answer within 300 ms"), e.getMessage());
        Await.until("the wrapper's sleep killed with it", Duration.ofSeconds(10), () -> sleeping("31.5").isEmpty());
    }

    /**
     * A run killed at its timeout whose output something still holds open (here a process that left its
     * session; in life one a driver's hang keeps in the kernel) starts no second run until it lets go.
     */
    @Test
    void noRunStartsBesideOneWhoseOutputIsStillHeld() throws Exception {
        Path runs = dir.resolve("runs");
        Path escaped = dir.resolve("escaped");
        // the hang begins once the child has left the tree and the group: the kill at the timeout reaches neither
        Path smi = script("echo run >> " + runs + "\n(setsid sh -c 'touch " + escaped + "; exec sleep 31.6' &)\n"
                + "while [ ! -e " + escaped + " ]; do sleep 0.01; done\nexec sleep 30");
        NvidiaSmi reader = new NvidiaSmi(smi.toString(), Duration.ofSeconds(2));
        assertThrows(IOException.class, reader::read);
        try {
            IOException held = assertThrows(IOException.class, reader::read);
            assertTrue(held.getMessage().contains("has not ended since it did not answer within 2000 ms"),
                    held.getMessage());
            assertEquals(1, Files.readAllLines(runs).size(), "no second run beside the first");
        } finally {
            sleeping("31.6").forEach(ProcessHandle::destroyForcibly);
        }
        Await.until("asked again once the output is closed", Duration.ofSeconds(10), () -> {
            try {
                reader.read();
            } catch (IOException stillHungOrTimedOut) {
                // the new run hangs as the first did; what counts is that it started
            }
            try {
                return Files.readAllLines(runs).size() >= 2;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        sleeping("31.6").forEach(ProcessHandle::destroyForcibly);
    }

    /** A wrapper that leaves a child holding its output and exits: the child is killed, found by its group. */
    @Test
    void aChildLeftHoldingTheOutputOfAnEndedRunIsKilled() throws Exception {
        Path smi = script("(sleep 31.7) &\nexit 0");
        IOException e = assertThrows(IOException.class, () -> new NvidiaSmi(smi.toString(), Duration.ofMillis(500)).read());
        assertTrue(e.getMessage().contains("ended, but what it started still holds its output open past 500 ms"),
                e.getMessage());
        Await.until("the child left behind killed", Duration.ofSeconds(10), () -> sleeping("31.7").isEmpty());
    }

    private static List<ProcessHandle> sleeping(String seconds) {
        return ProcessHandle.allProcesses().filter(p -> p.info().command().orElse("").endsWith("/sleep")
                && p.info().arguments().map(a -> List.of(a).equals(List.of(seconds))).orElse(false)).toList();
    }

    /** Byte for byte what nvidia-smi 580.159.04 printed on an H200 (4 Dec 2026): idle, then one process. */
    @Test
    void readsARealDriversAnswers() throws Exception {
        Reading idle = NvidiaSmi.parse("0, 143771, 0\n", "");
        assertEquals(List.of(new Device("GPU 0", 143771 * ByteSize.MIB, 0)), idle.devices());
        assertEquals(Map.of(), idle.byPid());

        Reading busy = NvidiaSmi.parse("0, 143771, 12499\n", "902, 3682\n1000, 8802\n");
        assertEquals(List.of(new Device("GPU 0", 143771 * ByteSize.MIB, 12499 * ByteSize.MIB)), busy.devices());
        assertEquals(Map.of(902L, 3682 * ByteSize.MIB, 1000L, 8802 * ByteSize.MIB), busy.byPid());
    }

    @Test
    void aDriversNoticeBesideTheAnswerIsPassedOver() throws Exception {
        String warning = "WARNING: infoROM is corrupted at gpu 0000:01:00.0\n";
        Reading reading = NvidiaSmi.parse(warning + "0, 24576, 6144\n", warning + "4242, 6144\n");
        assertEquals(List.of(new Device("GPU 0", 24576 * ByteSize.MIB, 6144 * ByteSize.MIB)), reading.devices());
        assertEquals(Map.of(4242L, 6144 * ByteSize.MIB), reading.byPid());

        IOException alone = assertThrows(IOException.class, () -> NvidiaSmi.parse(warning, ""));
        assertEquals("unexpected answer to --query-gpu: \"WARNING: infoROM is corrupted at gpu 0000:01:00.0\"",
                alone.getMessage());
    }

    @Test
    void garbageIsAnErrorNotAZero() {
        assertThrows(IOException.class, () -> NvidiaSmi.parse("0, lots, 1\n", ""));
        assertThrows(IOException.class, () -> NvidiaSmi.parse("", ""));
        assertThrows(IOException.class, () -> NvidiaSmi.parse("0, 1, 1\n", "1 2 3\n"));
    }

    @Test
    void theProgramComesFromTheEnvironment() {
        assertEquals("nvidia-smi", NvidiaSmi.program(Map.of()));
        assertEquals("/opt/fake-smi", NvidiaSmi.program(Map.of(NvidiaSmi.ENV_VARIABLE, " /opt/fake-smi ")));
    }
}
