package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WatchdogStopTest {

    /** As the watchdog runs it: {@code (eval "$command")} in a shell. */
    private static String runAsTheWatchdogDoes(String line) throws Exception {
        Process shell = new ProcessBuilder("sh", "-c", "(eval \"$1\")", "watchdog", line).redirectErrorStream(true).start();
        String out = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, shell.waitFor(), out);
        return out;
    }

    @Test
    void theStopSeesTheModelsEnvironmentWhoseValuesAreInNoCommandLine() throws Exception {
        String script = "tr '\\0' ' ' < /proc/$$/cmdline; echo; echo \"[$TOKEN]\"";
        String line = new WatchdogStop(List.of("sh", "-c", script, "stop-for-${PID}"), Map.of("TOKEN", "it's secret"))
                .shellLine(4242);

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
        String line = new WatchdogStop(List.of("printenv", "ODD-NAME", "TOKEN"), env).shellLine(1);
        assertEquals("plain\nx\n", runAsTheWatchdogDoes(line));
    }

    @Test
    void nothingToRunWithoutACmdStopOrAcrossLines() {
        assertEquals("", WatchdogStop.NONE.shellLine(1));
        assertEquals("", new WatchdogStop(List.of("kill", "${PID}"), Map.of("A", "two\nlines")).shellLine(1));
        assertEquals("exec 'kill' '-INT' '7'", new WatchdogStop(List.of("kill", "-INT", "${PID}"), Map.of()).shellLine(7));
    }
}
