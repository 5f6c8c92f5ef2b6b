package dev.swapdeck.process;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a model's command could not be run, in the words that point at the fix. The JDK reports the
 * operating system's error as {@code Cannot run program "x": error=24, Too many open files}: most
 * errors are about the command (no such file, not executable), but a few are about Swapdeck's own
 * limits or the machine, and "check cmd" would send the user to the wrong place.
 */
final class SpawnFailure {
    private static final Pattern ERRNO = Pattern.compile("error=(\\d+),");

    private SpawnFailure() {
    }

    static String describe(String program, String model, Exception e) {
        String failure = "could not start " + program + ": " + e.getMessage();
        if (e instanceof FileDescriptors.TooFew) {
            return failure; // refused before the launcher ran: the message says what to do
        }
        Matcher errno = ERRNO.matcher(String.valueOf(e.getMessage()));
        int code = errno.find() ? Integer.parseInt(errno.group(1)) : 0;
        return switch (code) {
            case 23, 24 -> failure + " — Swapdeck has run out of file descriptors; raise its limit (ulimit -n, or "
                    + "LimitNOFILE= in a systemd unit) or have fewer clients connected at once";
            case 11 -> failure + " — the system will not start another process now; check the process limit "
                    + "(ulimit -u, or TasksMax= in a systemd unit)";
            case 12 -> failure + " — the system is out of memory";
            default -> failure + " — check cmd of model " + model;
        };
    }
}
