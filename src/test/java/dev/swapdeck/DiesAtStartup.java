package dev.swapdeck;

import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.ConsoleEcho;
import dev.swapdeck.logging.LogHub;

/**
 * A JVM whose main thread dies of a failure no one caught once its log is set up as {@link Main}
 * sets it up to serve (the proxy log echoed to stdout, {@link UncaughtFailures} reporting): what a
 * Swapdeck that cannot start does. Its main thread's death ends it, with exit code 1.
 */
public final class DiesAtStartup {
    static final String FAILURE = "a failure no one foresaw";

    private DiesAtStartup() {
    }

    public static void main(String[] args) {
        LogHub logs = new LogHub(new EventBus());
        new ConsoleEcho(logs.bus(), System.out);
        UncaughtFailures.reportTo(logs, System.err);
        throw new IllegalStateException(FAILURE);
    }
}
