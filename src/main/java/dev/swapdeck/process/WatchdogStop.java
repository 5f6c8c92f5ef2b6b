package dev.swapdeck.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A model's {@code cmdStop} as the {@link Watchdog} runs it if the JVM dies: one shell line that the
 * watchdog {@code eval}s in a subshell of its own. The model's {@code env} is exported there, as a
 * stop from the JVM passes it (a {@code docker stop} needs its {@code DOCKER_HOST}), so its values,
 * which may be secrets, never appear in any process's command line; a name the shell cannot export
 * goes through {@code env(1)} instead. It runs under {@code timeout(1)} for the model's {@code grace},
 * as a stop from the JVM would be cut off: when the grace ends it is killed with everything it started
 * ({@code timeout} leads a process group of its own and kills that group), so a stop command that hangs
 * does not outlive Swapdeck either.
 *
 * @param words {@code cmdStop}, with {@code ${PID}} still in it
 * @param env   the model's environment additions
 * @param grace how long it may run; zero: unbounded
 */
record WatchdogStop(List<String> words, Map<String, String> env, Duration grace) {
    private static final Pattern SHELL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    static final WatchdogStop NONE = new WatchdogStop(List.of(), Map.of());

    WatchdogStop(List<String> words, Map<String, String> env) {
        this(words, env, Duration.ZERO);
    }

    /**
     * The line for {@code pid}'s stop; empty if there is no {@code cmdStop}, or if it cannot go on one
     * line. {@code signalReset} ({@link SignalReset#forWatchdog}) comes first: the watchdog ignores the
     * stop signals, and a stop command must not inherit that.
     */
    String shellLine(long pid, List<String> signalReset) {
        return shellLine(pid, signalReset, Optional.empty());
    }

    /** As above, bounded by {@code timeout} (the path of {@code timeout(1)}) where there is one and a grace. */
    String shellLine(long pid, List<String> signalReset, Optional<String> timeout) {
        if (words.isEmpty()) {
            return "";
        }
        StringBuilder exports = new StringBuilder();
        List<String> command = new ArrayList<>();
        if (timeout.isPresent() && !grace.isZero() && !grace.isNegative()) {
            command.addAll(List.of(timeout.get(), "-s", "KILL", String.format(Locale.ROOT, "%.3f", grace.toMillis() / 1000.0)));
        }
        command.addAll(signalReset);
        List<String> odd = new ArrayList<>();
        for (Map.Entry<String, String> variable : env.entrySet()) {
            String assignment = variable.getKey() + "=" + variable.getValue();
            if (SHELL_NAME.matcher(variable.getKey()).matches()) {
                exports.append("export ").append(quoted(assignment)).append("; ");
            } else {
                odd.add(assignment);
            }
        }
        if (!odd.isEmpty() && signalReset.isEmpty()) {
            command.add("env");
        }
        command.addAll(odd);
        words.forEach(word -> command.add(word.replace("${PID}", Long.toString(pid))));
        StringBuilder line = exports.append("exec");
        command.forEach(word -> line.append(' ').append(quoted(word)));
        return line.indexOf("\n") >= 0 || line.indexOf("\r") >= 0 ? "" : line.toString();
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
