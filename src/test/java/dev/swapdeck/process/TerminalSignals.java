package dev.swapdeck.process;

import java.util.List;
import java.util.Optional;

/**
 * For tests that start programs as a person would from a terminal: the words that put back at
 * their defaults the stop signals this test JVM was started ignoring ({@code nohup mvn verify}, or a
 * script's background job), or none. Without them such a run would hand its ignored SIGHUP to every
 * Swapdeck it starts, and the tests of what SIGHUP does would fail for the runner's sake.
 */
public final class TerminalSignals {
    private TerminalSignals() {
    }

    public static List<String> resetPrefix() {
        return SignalReset.prefix(Optional.of("env"));
    }
}
