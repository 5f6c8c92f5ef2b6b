package dev.swapdeck.process;

import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.logging.ProxyLog;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Swapdeck's own threads: daemon (never keep the JVM alive), named for thread dumps, and (those of the
 * process layer) reporting an uncaught failure to the proxy log (a desktop launch throws stderr away).
 */
public final class Threads {
    private Threads() {
    }

    /**
     * Runs each task on a new daemon thread called {@code name}: for rare work (a reload, the HTTP server's
     * stop, draining a probe's output) that would otherwise go to the common pool, which on a two-core
     * machine has no threads and starts an unnamed one per task. A task's failure is its future's.
     */
    public static Executor eachOnItsOwn(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        };
    }

    static Thread daemon(String name, Runnable body, ProxyLog log) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> log.log(LogLevel.ERROR, null,
                "thread " + t.getName() + " failed: " + e));
        return thread;
    }

    /** {@code 15 s}, or {@code 300 ms} for durations that are not whole seconds. */
    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
