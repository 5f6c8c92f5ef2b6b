package dev.swapdeck.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A signal ignored by Swapdeck's JVM stays ignored in every program it starts (exec keeps an ignored
 * disposition). A shell starts a background job with SIGINT ignored, {@code nohup} ignores SIGHUP,
 * some service managers SIGTERM: a model server would then ignore the SIGTERM of every stop (5 s
 * lost to the grace period, then SIGKILL) or the {@code kill -INT} of a {@code cmdStop}. A signal
 * blocked on the thread that starts a program stays blocked in it too, and HotSpot blocks SIGQUIT
 * on its Java threads (JDK 17 does not unblock it in a child; JDK-8234262): a {@code cmdStop} of
 * {@code kill -QUIT} waited out the grace. Model commands therefore start through
 * {@code env --default-signal=...} (coreutils 8.31+), which resets and unblocks, for the stop
 * signals this JVM ignores, and for a model with a {@code cmdStop} also those the spawning thread
 * blocks (a stop without one sends SIGTERM, which is never blocked, and {@code env} costs each start
 * an exec, about 3 ms here); nothing is added when there are none, or where {@code env} cannot.
 */
final class SignalReset {
    /** Signals a stop or a {@code cmdStop} may send, by number (Linux). */
    private static final List<Signal> STOP_SIGNALS = List.of(new Signal("HUP", 1), new Signal("INT", 2),
            new Signal("QUIT", 3), new Signal("USR1", 10), new Signal("USR2", 12), new Signal("TERM", 15));

    private record Signal(String name, int number) {
    }

    private SignalReset() {
    }

    /** The command words to put before the command of a model without a {@code cmdStop}, or none. */
    static List<String> prefix(Optional<String> env) {
        return prefix(env, ignoredStopSignals(status("self")));
    }

    /**
     * The command words to put before the command of a model with a {@code cmdStop}, which may send any
     * stop signal, or none. Call on a thread with the spawning thread's mask (every Java thread's).
     */
    static List<String> prefixForStopCommand(Optional<String> env) {
        List<String> reset = new ArrayList<>(ignoredStopSignals(status("self")));
        blockedStopSignals(status("thread-self")).stream().filter(name -> !reset.contains(name)).forEach(reset::add);
        return prefix(env, reset);
    }

    private static List<String> prefix(Optional<String> env, List<String> reset) {
        if (reset.isEmpty() || env.isEmpty()) {
            return List.of();
        }
        List<String> words = List.of(env.get(), "--default-signal=" + String.join(",", reset));
        return works(words) ? words : List.of();
    }

    /**
     * The words that start a {@link Watchdog}'s {@code cmdStop} with every stop signal and SIGPIPE at
     * their defaults (the watchdog ignores them, and an ignored signal survives exec), or none where
     * {@code env} cannot.
     */
    static List<String> forWatchdog(Optional<String> env) {
        if (env.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>(STOP_SIGNALS.stream().map(Signal::name).toList());
        names.add("PIPE");
        List<String> words = List.of(env.get(), "--default-signal=" + String.join(",", names));
        return works(words) ? words : List.of();
    }

    /** The stop signals the {@code SigIgn:} line of a {@code /proc/<pid>/status} text marks ignored. */
    static List<String> ignoredStopSignals(String status) {
        return stopSignals(status, "SigIgn:");
    }

    /** The stop signals the {@code SigBlk:} line of a {@code /proc/<pid>/status} text marks blocked (by this thread). */
    static List<String> blockedStopSignals(String status) {
        return stopSignals(status, "SigBlk:");
    }

    private static List<String> stopSignals(String status, String field) {
        long mask = 0;
        for (String line : status.split("\n")) {
            if (line.startsWith(field)) {
                mask = Long.parseUnsignedLong(line.substring(field.length()).trim(), 16);
            }
        }
        List<String> names = new ArrayList<>();
        for (Signal signal : STOP_SIGNALS) {
            if ((mask & (1L << (signal.number() - 1))) != 0) {
                names.add(signal.name());
            }
        }
        return names;
    }

    /** {@code /proc/self/status} (the process), or {@code /proc/thread-self/status} (the calling thread's mask). */
    private static String status(String which) {
        try {
            return Files.readString(Path.of("/proc", which, "status"));
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean works(List<String> words) {
        List<String> probe = new ArrayList<>(words);
        probe.add("true");
        try {
            FileDescriptors.ensureRoomToStart();
            return new ProcessBuilder(probe).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
