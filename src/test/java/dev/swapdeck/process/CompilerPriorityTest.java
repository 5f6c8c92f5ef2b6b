package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.testing.DemoUpstreamCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The JIT compiler threads, and only they, end up at the lowest priority (Linux, with {@code renice}).
 * It runs in a JVM of its own ({@link Lowering}): a lowered compiler in the test JVM would slow every
 * test after this one.
 */
class CompilerPriorityTest {

    @Test
    void onlyTheCompilerThreadsAreLowered() throws Exception {
        Assumptions.assumeTrue(ProcFs.available(), "Linux /proc only");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/renice")) || Files.isExecutable(Path.of("/bin/renice")),
                "needs renice");
        Process child = new ProcessBuilder(DemoUpstreamCommand.java(), "-cp", System.getProperty("java.class.path"),
                Lowering.class.getName()).redirectErrorStream(true).start();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the lowering JVM did not finish");
        String report = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, child.exitValue(), report);

        List<String> lines = report.lines().toList();
        assertTrue(lines.size() >= 3, "at least one compiler thread, then the caller: " + report);
        assertEquals("lowered " + (lines.size() - 2), lines.get(0), report);
        for (String compiler : lines.subList(1, lines.size() - 1)) {
            assertTrue(compiler.endsWith(" " + CompilerPriority.NICE), "a compiler thread: " + report);
        }
        assertEquals("caller 0", lines.get(lines.size() - 1), "the other threads keep their priority: " + report);
    }

    /**
     * Lowers its own compiler threads, then prints {@code lowered N}, one {@code <tid> <nice>} line
     * per compiler thread and {@code caller <nice>} for its main thread.
     */
    static final class Lowering {
        public static void main(String[] args) throws Exception {
            List<String> compilers = CompilerPriority.compilerThreadIds();
            int lowered = CompilerPriority.lower().get(10, TimeUnit.SECONDS);
            List<String> out = new ArrayList<>();
            out.add("lowered " + lowered);
            for (String id : compilers) {
                out.add(id + " " + nice(Path.of("/proc/self/task", id)));
            }
            out.add("caller " + nice(Path.of("/proc/thread-self")));
            System.out.println(String.join("\n", out));
        }

        /** Field 19 of a task's stat line, the nice value; the fields after the command name start at 3. */
        private static int nice(Path task) throws Exception {
            String stat = Files.readString(task.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[19 - 3]);
        }
    }
}
