package dev.swapdeck.process;

import java.time.Duration;

/** The process layer's threads: daemon (never keep the JVM alive) and named for thread dumps. */
final class Threads {
    private Threads() {
    }

    static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Waits for {@code thread} to end, at most {@code max}; an interrupt is kept for the caller. */
    static void joinQuietly(Thread thread, Duration max) {
        if (thread == null || thread == Thread.currentThread()) {
            return;
        }
        try {
            thread.join(Math.max(1, max.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code 15 s}, or {@code 300 ms} for durations that are not whole seconds. */
    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
