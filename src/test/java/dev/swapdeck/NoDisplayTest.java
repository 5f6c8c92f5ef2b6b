package dev.swapdeck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.state.StateFolder;
import dev.swapdeck.testing.DemoUpstreamCommand;
import dev.swapdeck.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Swapdeck asked for its window on a machine without a display, in a JVM of its own with no
 * {@code DISPLAY} and the real toolkit: it says what to do as its last line and exits non-zero, and
 * JavaFX's warning about running from the class path, which is how the jar runs it, is not shown;
 * nor is the proxy's address once the shutdown the failure began is under way.
 */
class NoDisplayTest {
    @Test
    void saysToUseHeadlessLastAndExitsNonZero(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"), "models:\n  m:\n    cmd: /nonexistent --port ${PORT}\n");
        Path log = dir.resolve("console.log");
        ProcessBuilder builder = new ProcessBuilder(DemoUpstreamCommand.java(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--config", config.toString(), "--listen", "127.0.0.1:" + FreePorts.loopback())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeAll(List.of("DISPLAY", "WAYLAND_DISPLAY"));
        builder.environment().put(StateFolder.ENV_VARIABLE, dir.resolve("state").toString());
        Process swapdeck = builder.start();
        try {
            assertTrue(swapdeck.waitFor(60, TimeUnit.SECONDS), "still running: " + Files.readString(log));
        } finally {
            swapdeck.destroyForcibly();
        }
        String output = Files.readString(log);
        assertEquals(Main.EXIT_WINDOW, swapdeck.exitValue(), output);
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("swapdeck: ") && last.contains("--headless"), "last line: " + last + "\n" + output);
        assertFalse(output.contains("Unsupported JavaFX configuration"), "JavaFX's class-path warning: " + output);
        List<String> afterShutdown = lines.subList(lines.indexOf(lines.stream()
                .filter(line -> line.contains("shutting down")).findFirst().orElseThrow()), lines.size());
        assertTrue(afterShutdown.stream().noneMatch(line -> line.contains("listening on") || line.contains("clients use")),
                "nothing is announced once the shutdown has begun: " + output);
    }
}
