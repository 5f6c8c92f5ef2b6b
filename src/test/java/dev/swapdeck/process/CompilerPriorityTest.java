package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The JIT compiler threads, and only they, end up at the lowest priority (Linux, with {@code renice}). */
class CompilerPriorityTest {

    @Test
    void onlyTheCompilerThreadsAreLowered() throws Exception {
        Assumptions.assumeTrue(ProcFs.available(), "Linux /proc only");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/renice")) || Files.isExecutable(Path.of("/bin/renice")),
                "needs renice");
        List<String> compilers = CompilerPriority.compilerThreadIds();
        assertFalse(compilers.isEmpty(), "a JVM with a JIT has compiler threads");
        int ownBefore = nice(Path.of("/proc/thread-self"));

        assertEquals(compilers.size(), CompilerPriority.lower().get(10, TimeUnit.SECONDS));

        for (String id : compilers) {
            assertEquals(CompilerPriority.NICE, nice(Path.of("/proc/self/task", id)), "compiler thread " + id);
        }
        assertEquals(ownBefore, nice(Path.of("/proc/thread-self")), "the other threads keep their priority");
    }

    /** Field 19 of a task's stat line, the nice value; the fields after the command name start at 3. */
    private static int nice(Path task) throws Exception {
        String stat = Files.readString(task.resolve("stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[19 - 3]);
    }
}
