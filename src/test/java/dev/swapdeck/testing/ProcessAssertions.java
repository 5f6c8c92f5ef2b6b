package dev.swapdeck.testing;

import dev.swapdeck.process.Lifeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Asserts that processes are gone. A failing check kills what it found, so one leaking test does not
 * leave processes behind to confuse the next one.
 */
public final class ProcessAssertions {
    private ProcessAssertions() {
    }

    /** Fails unless process {@code pid} has exited within {@code within}. */
    public static void assertGone(long pid, Duration within) {
        try {
            Await.until("process " + pid + " to exit", within, () -> exited(pid));
        } catch (AssertionError e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            throw e;
        }
    }

    /**
     * Gone, or a zombie: it has exited and holds nothing, and only waits for its parent (which may be
     * an init that reaps late) to collect its exit status.
     */
    private static boolean exited(long pid) {
        if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state == 'Z' || state == 'X';
        } catch (IOException e) {
            return true;
        }
    }

    public static void assertGone(OptionalLong pid, Duration within) {
        pid.ifPresent(p -> assertGone(p, within));
    }

    /** Fails unless every process this test JVM started (children and their children) has exited. */
    public static void assertNoDescendants(Duration within) {
        try {
            Await.until(() -> "no descendants, found " + describe(living()), within, () -> living().isEmpty());
        } catch (AssertionError e) {
            living().forEach(ProcessHandle::destroyForcibly);
            throw e;
        }
    }

    /** Living descendants, less this JVM's watchdog (it lives as long as the JVM, by design). */
    private static List<ProcessHandle> living() {
        Optional<Long> watchdog = Lifeline.ofThisJvm().watchdogPid();
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(h -> watchdog.map(w -> w != h.pid()).orElse(true)).collect(Collectors.toList());
    }

    private static String describe(List<ProcessHandle> handles) {
        return handles.stream()
                .map(h -> h.pid() + " " + h.info().commandLine().orElse("?"))
                .collect(Collectors.joining("; ", "[", "]"));
    }
}
