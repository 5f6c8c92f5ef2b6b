package dev.swapdeck;

import dev.swapdeck.logging.LogHub;
import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.logging.OneLine;
import java.io.PrintStream;

/**
 * Sends the failure of any thread that has no handler of its own to the proxy log, named by its
 * thread: a desktop launch throws stderr away, so a failure only printed there is never seen. It goes
 * to stderr as well, written before the handler returns: the proxy log reaches the console through
 * {@link dev.swapdeck.logging.ConsoleEcho}'s queue and daemon thread, and a failure that ends the JVM
 * (the main thread's, while Swapdeck starts) often ended it before that thread printed, leaving a
 * script or systemd an exit code 1 and an empty log.
 */
final class UncaughtFailures {
    private UncaughtFailures() {
    }

    static void reportTo(LogHub log, PrintStream err) {
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            StackTraceElement[] where = error.getStackTrace();
            String report = "internal error in thread " + thread.getName() + ": " + error
                    + (where.length > 0 ? " at " + where[0] : "");
            // as the proxy log writes it: one line, the configuration's secrets masked
            err.println("swapdeck: " + log.redact(OneLine.escape(report)));
            err.flush();
            log.log(LogLevel.ERROR, null, report);
        });
    }
}
