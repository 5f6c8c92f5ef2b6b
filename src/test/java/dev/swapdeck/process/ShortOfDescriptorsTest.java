package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.swapdeck.testing.DemoUpstreamCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A spawn short of descriptors is refused before the JDK's launcher runs: when a pipe fails in it, it
 * closes descriptor 0, whoever holds that number (a client's socket), and leaks the pipes it made.
 */
class ShortOfDescriptorsTest {
    private static final Path PRLIMIT = Path.of("/usr/bin/prlimit");

    @Test
    void aSpawnShortOfDescriptorsIsRefusedAndLeavesDescriptorZeroAndNoPipesBehind() throws Exception {
        assumeTrue(Files.isExecutable(PRLIMIT), "prlimit (util-linux) runs the JVM under a low limit");
        Process run = new ProcessBuilder(PRLIMIT.toString(), "--nofile=256:256", "--", DemoUpstreamCommand.java(),
                "-cp", System.getProperty("java.class.path"), StartsShortOfDescriptors.class.getName())
                .redirectErrorStream(true).start();
        String printed = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), printed);
        assertEquals(0, run.exitValue(), printed);
        Map<String, String> seen = new HashMap<>();
        printed.lines().filter(l -> l.contains(": ")).forEach(l -> seen.put(l.substring(0, l.indexOf(": ")),
                l.substring(l.indexOf(": ") + 2)));
        assertTrue(seen.getOrDefault("outcome", "").matches(
                "only \\d+ of 256 file descriptors are free, fewer than the 64 .*ulimit -n.*LimitNOFILE.*"), printed);
        assertTrue(seen.get("stdin before").startsWith("pipe:"), printed);
        assertEquals(seen.get("stdin before"), seen.get("stdin after"), printed);
        assertEquals(seen.get("open before"), seen.get("open after"), "no pipe left behind: " + printed);
    }
}
