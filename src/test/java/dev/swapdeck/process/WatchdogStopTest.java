package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WatchdogStopTest {

    /** As the watchdog runs it: {@code (eval "$command")} in a shell that ignores the stop signals. */
    private static String runAsTheWatchdogDoes(String line) throws Exception {
        Process shell = new ProcessBuilder("sh", "-c", "trap '' INT HUP TERM QUIT PIPE; (eval \"$1\")", "watchdog", line)
                .redirectErrorStream(true).start();
        String out = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, shell.waitFor(), out);
        return out;
    }

    @Test
    void theStopSeesTheModelsEnvironmentWhoseValuesAreInNoCommandLine() throws Exception {
        String script = "tr '\\0' ' ' < /proc/$$/cmdline; echo; echo \"[$TOKEN]\"";
        String line = new WatchdogStop(List.of("sh", "-c", script, "stop-for-${PID}"), Map.of("TOKEN", "it's secret"))
                .shellLine(4242, List.of());

        List<String> out = runAsTheWatchdogDoes(line).lines().toList();
        assertFalse(out.get(0).contains("secret"), "the stop's own command line: " + out.get(0));
        assertTrue(out.get(0).contains("stop-for-4242"), out.get(0));
        assertEquals("[it's secret]", out.get(1));
    }

    @Test
    void aNameTheShellCannotExportReachesTheStopThroughEnv() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ODD-NAME", "plain");
        env.put("TOKEN", "x");
        String line = new WatchdogStop(List.of("printenv", "ODD-NAME", "TOKEN"), env).shellLine(1, List.of());
        assertEquals("plain\nx\n", runAsTheWatchdogDoes(line));
    }

    /** The watchdog ignores the stop signals; a stop it runs (a plain kill must end it) does not. */
    @Test
    void theStopRunsWithTheSignalsTheWatchdogIgnoresAtTheirDefaults() throws Exception {
        List<String> reset = SignalReset.forWatchdog(Optional.of("env"));
        assertFalse(reset.isEmpty(), "env --default-signal works here (coreutils 8.31+)");
        String ignored = runAsTheWatchdogDoes(new WatchdogStop(List.of("grep", "SigIgn", "/proc/self/status"), Map.of())
                .shellLine(1, reset));
        assertEquals(List.of(), SignalReset.ignoredStopSignals(ignored), ignored);
        assertEquals(0, Long.parseLong(ignored.substring("SigIgn:".length()).strip(), 16) & (1L << 12), "nor SIGPIPE");

        Map<String, String> env = new LinkedHashMap<>();
        env.put("ODD-NAME", "plain");
        assertEquals("plain\n", runAsTheWatchdogDoes(new WatchdogStop(List.of("printenv", "ODD-NAME"), env)
                .shellLine(1, reset)), "names the shell cannot export still go through env");
    }

    @Test
    void theStopIsBoundedByTheModelsGraceUnderTimeout() {
        WatchdogStop stop = new WatchdogStop(List.of("kill", "${PID}"), Map.of(), Duration.ofMillis(1500));
        assertEquals("exec '/usr/bin/timeout' '-s' 'KILL' '1.500' 'kill' '7'",
                stop.shellLine(7, List.of(), Optional.of("/usr/bin/timeout")));
        assertEquals("exec 'kill' '7'", stop.shellLine(7, List.of(), Optional.empty()), "no timeout(1): unbounded");
    }

    @Test
    void nothingToRunWithoutACmdStopOrAcrossLines() {
        assertEquals("", WatchdogStop.NONE.shellLine(1, List.of()));
        assertEquals("", new WatchdogStop(List.of("kill", "${PID}"), Map.of("A", "two\nlines")).shellLine(1, List.of()));
        assertEquals("exec 'kill' '-INT' '7'", new WatchdogStop(List.of("kill", "-INT", "${PID}"), Map.of()).shellLine(7, List.of()));
    }
}
