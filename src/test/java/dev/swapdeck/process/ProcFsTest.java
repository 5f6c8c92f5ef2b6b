package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /proc/<pid>/stat} read field by field, with a command name that holds spaces and parentheses. */
class ProcFsTest {

    @Test
    void statReadsStateGroupAndStartPastAnOddCommandName(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(ProcFs.available(), "Linux /proc only");
        Path script = dir.resolve("odd) na me (x");
        Files.writeString(script, "#!/bin/sh\nexec sleep 30\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Process child = new ProcessBuilder("/bin/sh", "-c", "exec \"$0\"", script.toString()).start();
        try {
            ProcFs.Stat own = ProcFs.stat(ProcessHandle.current().pid()).orElseThrow();
            ProcFs.Stat stat = ProcFs.stat(child.pid()).orElseThrow();
            assertEquals(own.pgid(), stat.pgid(), "a plain child stays in this JVM's group");
            assertFalse(stat.gone());
            assertTrue(stat.startTicks() >= own.startTicks(), stat + " started after " + own);
            assertTrue(ProcFs.isSameLiving(child.pid(), stat.startTicks()));
            assertTrue(ProcFs.groupMembers(own.pgid()).contains(child.pid()));
            assertFalse(ProcFs.isSameLiving(child.pid(), stat.startTicks() + 1), "another start time is another process");
        } finally {
            child.toHandle().destroyForcibly();
            child.waitFor();
        }
        assertFalse(ProcFs.isSameLiving(child.pid(), 0));
    }
}
