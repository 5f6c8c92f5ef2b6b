package dev.swapdeck;

import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.logging.ProxyLog;

/**
 * Sends the failure of any thread that has no handler of its own to the proxy log, named by its
 * thread: a desktop launch throws stderr away, so a failure only printed there is never seen.
 */
final class UncaughtFailures {
    private UncaughtFailures() {
    }

    static void reportTo(ProxyLog log) {
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            StackTraceElement[] where = error.getStackTrace();
            log.log(LogLevel.ERROR, null, "internal error in thread " + thread.getName() + ": " + error
                    + (where.length > 0 ? " at " + where[0] : ""));
        });
    }
}
