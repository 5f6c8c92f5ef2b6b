package dev.swapdeck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.DemoUpstreamCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread that dies of an exception is reported in the proxy log, which a desktop user can see, and
 * on stderr before the JVM can exit, which a script or systemd keeps.
 */
class UncaughtFailuresTest {
    /** Runs at once: one lost report in a few runs was the failure (6 in 10 of a jar's launches). */
    private static final int RUNS = 6;

    @Test
    void aThreadsUncaughtFailureGoesToTheProxyLogAndStderrWithTheThreadsName() throws Exception {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        LogHub logs = new LogHub(new EventBus());
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try {
            UncaughtFailures.reportTo(logs, new PrintStream(stderr, true, StandardCharsets.UTF_8));
            Thread failing = new Thread(() -> {
                throw new IllegalStateException("the disk is full");
            }, "swapdeck-example");
            failing.start();
            failing.join();
            assertTrue(stderr.toString(StandardCharsets.UTF_8).startsWith("swapdeck: internal error in thread "
                    + "swapdeck-example: java.lang.IllegalStateException: the disk is full at "), "written by the time it"
                    + " died, not later: " + stderr);
            Await.until("the report", Duration.ofSeconds(5), () -> logs.proxyHistory().stream().anyMatch(l ->
                    l.level() == LogLevel.ERROR && l.text().contains("thread swapdeck-example")
                            && l.text().contains("the disk is full")));
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }

    /**
     * The main thread's death ends the JVM: its report must not wait in the console echo's queue, on a
     * daemon thread the exit does not wait for, as it did when output went to a file.
     */
    @Test
    void aFailureThatEndsTheJvmIsPrintedBeforeItExits(@TempDir Path dir) throws Exception {
        List<Process> runs = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            Path log = dir.resolve("console-" + i + ".log");
            logs.add(log);
            runs.add(new ProcessBuilder(DemoUpstreamCommand.java(), "-cp", System.getProperty("java.class.path"),
                    DiesAtStartup.class.getName()).redirectErrorStream(true).redirectOutput(log.toFile()).start());
        }
        for (int i = 0; i < RUNS; i++) {
            assertTrue(runs.get(i).waitFor(60, TimeUnit.SECONDS), "run " + i + " still going");
            String printed = Files.readString(logs.get(i));
            assertEquals(1, runs.get(i).exitValue(), printed);
            assertTrue(printed.contains("internal error in thread main: java.lang.IllegalStateException: "
                    + DiesAtStartup.FAILURE + " at "), "run " + i + " printed: '" + printed + "'");
        }
    }
}
