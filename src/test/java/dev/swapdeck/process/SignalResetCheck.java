package dev.swapdeck.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Run as a JVM of its own by {@link SignalResetTest}, under a shell that ignores signals: prints the
 * {@code /proc/<pid>/status} of a program started as model commands are, with {@link SignalReset}'s words.
 */
public final class SignalResetCheck {
    private SignalResetCheck() {
    }

    public static void main(String[] args) throws Exception {
        List<String> argv = new ArrayList<>(SignalReset.prefix(Optional.of("env")));
        argv.addAll(List.of("cat", "/proc/self/status"));
        Process child = new ProcessBuilder(argv).inheritIO().start();
        System.exit(child.waitFor());
    }
}
