package dev.swapdeck.process;

import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.logging.ProxyLog;
import java.time.Duration;

/**
 * The process layer's threads: daemon (never keep the JVM alive), named for thread dumps, and
 * reporting an uncaught failure to the proxy log (a desktop launch throws stderr away).
 */
final class Threads {
    private Threads() {
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
