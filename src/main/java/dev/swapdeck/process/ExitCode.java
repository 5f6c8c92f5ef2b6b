package dev.swapdeck.process;

import java.util.Map;

/**
 * How a child ended, in words. The JDK reports a child killed by signal N as exit code 128 + N, so
 * 134 is SIGABRT and 139 SIGSEGV; naming the signal tells a person at once whether the server
 * crashed, was killed, or ended on its own.
 */
final class ExitCode {
    private static final Map<Integer, String> SIGNALS = Map.ofEntries(
            Map.entry(1, "SIGHUP"), Map.entry(2, "SIGINT"), Map.entry(3, "SIGQUIT"), Map.entry(4, "SIGILL"),
            Map.entry(6, "SIGABRT"), Map.entry(7, "SIGBUS"), Map.entry(8, "SIGFPE"), Map.entry(9, "SIGKILL"),
            Map.entry(11, "SIGSEGV"), Map.entry(13, "SIGPIPE"), Map.entry(15, "SIGTERM"));

    private ExitCode() {
    }

    /** {@code exited with code 134 (SIGABRT)}, or {@code exited with code 1}. */
    static String describe(int code) {
        String signal = code > 128 ? SIGNALS.get(code - 128) : null;
        return "exited with code " + code + (signal == null ? "" : " (" + signal + ")");
    }
}
