package dev.swapdeck.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Makes the JVM's JIT compiler threads yield the CPU to the threads someone is waiting on (Linux only).
 * <p>
 * Why: in the first seconds of real activity the C2 compiler compiles large methods for hundreds of
 * milliseconds each (JavaFX's CSS engine, 0.5 to 1 s for one method), on a desktop with few cores
 * while a model server prints and answers. At equal priority the FX thread waits behind it for a
 * core: in the window benchmark's slow pulses, the FX thread waited in the run queue as long as it
 * ran. At a higher nice value the compiler still gets every idle core, and yields a busy one to the
 * FX thread and the proxy's IO threads. Java cannot set a thread's nice value, so this runs the
 * system's {@code renice} on the compiler threads' ids; compiler threads the JVM adds later are
 * started by a compiler thread and inherit its value.
 * <p>
 * Best effort and off the caller's thread: without {@code /proc} or {@code renice} nothing changes.
 */
public final class CompilerPriority {
    /** The nice value given; 19 is the lowest priority, which still runs whenever a core is idle. */
    public static final int NICE = 19;
    private static final Path TASKS = Path.of("/proc/self/task");
    /** A thread's name as {@code /proc} gives it, cut to 15 bytes: "C1 CompilerThread0" reads "C1 CompilerThre". */
    private static final List<String> COMPILER_NAMES = List.of("C1 CompilerThre", "C2 CompilerThre");

    private CompilerPriority() {
    }

    /**
     * Starts lowering the compiler threads' priority on a daemon thread; the answer completes with
     * how many threads were lowered (0 where that is not possible here).
     */
    public static CompletableFuture<Integer> lower() {
        CompletableFuture<Integer> lowered = new CompletableFuture<>();
        Thread thread = new Thread(() -> lowered.complete(lowerNow()), "swapdeck-compiler-priority");
        thread.setDaemon(true);
        thread.start();
        return lowered;
    }

    private static int lowerNow() {
        List<String> ids = compilerThreadIds();
        if (ids.isEmpty()) {
            return 0;
        }
        List<String> command = new ArrayList<>(List.of("renice", "-n", Integer.toString(NICE), "-p"));
        command.addAll(ids);
        try {
            FileDescriptors.ensureRoomToStart();
            Process renice = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return renice.waitFor(5, TimeUnit.SECONDS) && renice.exitValue() == 0 ? ids.size() : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** The thread ids of this JVM's compiler threads, from {@code /proc/self/task/<tid>/comm}. */
    static List<String> compilerThreadIds() {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(TASKS)) {
            return ids;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                if (COMPILER_NAMES.contains(threadName(task))) {
                    ids.add(task.getFileName().toString());
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return ids;
    }

    private static String threadName(Path task) {
        try {
            return new String(Files.readAllBytes(task.resolve("comm")), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
