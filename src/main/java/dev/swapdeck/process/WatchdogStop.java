package dev.swapdeck.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A model's {@code cmdStop} as the {@link Watchdog} runs it if the JVM dies: one shell line that the
 * watchdog {@code eval}s in a subshell of its own. The model's {@code env} is exported there, as a
 * stop from the JVM passes it (a {@code docker stop} needs its {@code DOCKER_HOST}), so its values,
 * which may be secrets, never appear in any process's command line; a name the shell cannot export
 * goes through {@code env(1)} instead.
 *
 * @param words {@code cmdStop}, with {@code ${PID}} still in it
 * @param env   the model's environment additions
 */
record WatchdogStop(List<String> words, Map<String, String> env) {
    private static final Pattern SHELL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    static final WatchdogStop NONE = new WatchdogStop(List.of(), Map.of());

    /**
     * The line for {@code pid}'s stop; empty if there is no {@code cmdStop}, or if it cannot go on one
     * line. {@code signalReset} ({@link SignalReset#forWatchdog}) comes first: the watchdog ignores the
     * stop signals, and a stop command must not inherit that.
     */
    String shellLine(long pid, List<String> signalReset) {
        if (words.isEmpty()) {
            return "";
        }
        StringBuilder exports = new StringBuilder();
        List<String> command = new ArrayList<>(signalReset);
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
