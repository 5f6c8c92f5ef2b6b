package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swapdeck.testing.DemoUpstreamCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignalResetTest {

    @Test
    void readsTheStopSignalsAShellLeftIgnored() throws Exception {
        String status = run("trap '' INT TERM; exec cat /proc/self/status");
        assertEquals(List.of("INT", "TERM"), SignalReset.ignoredStopSignals(status));
        assertEquals(List.of(), SignalReset.ignoredStopSignals("Name:\tjava\nSigIgn:\t0000000180000000\n"),
                "the JVM's own realtime signals are not stop signals");
    }

    /** A Swapdeck started in the background by a script ignores SIGINT: its model servers must not. */
    @Test
    void aModelCommandStartsWithTheStopSignalsItsJvmIgnoresResetToTheirDefault() throws Exception {
        String jvm = String.join(" ", List.of(DemoUpstreamCommand.java(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", quote(System.getProperty("java.class.path")), SignalResetCheck.class.getName()));
        String child = run("trap '' INT TERM HUP; exec " + jvm);
        assertEquals(List.of(), SignalReset.ignoredStopSignals(child), child);
    }

    /**
     * HotSpot blocks SIGQUIT on its Java threads, and a program started from one inherits the mask
     * (JDK 17): a model server could not be stopped by a {@code cmdStop} of {@code kill -QUIT}.
     */
    @Test
    void aModelWithACmdStopStartsWithNoStopSignalBlocked() throws Exception {
        List<String> argv = new ArrayList<>(SignalReset.prefixForStopCommand(Optional.of("env")));
        argv.addAll(List.of("cat", "/proc/self/status"));
        Process child = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String status = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), status);
        assertEquals(List.of(), SignalReset.blockedStopSignals(status), status);
    }

    private static String run(String shellLine) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(TerminalSignals.resetPrefix());
        argv.addAll(List.of("sh", "-c", shellLine));
        Process shell = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, shell.waitFor(), out);
        return out;
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
