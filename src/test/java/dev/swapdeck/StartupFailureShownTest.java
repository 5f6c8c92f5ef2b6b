package dev.swapdeck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.state.StateFolder;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.DemoUpstreamCommand;
import dev.swapdeck.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Launched from a desktop menu, Swapdeck's stderr goes nowhere: every failure to start, a mistyped
 * option and a refused listen address included, waits in a window for the person to read it. Run as
 * a JVM of its own on Monocle's headless screen, the window keeps it alive until it is closed or a
 * SIGTERM comes (the desktop session ends); with {@code --headless} the same failure exits at once.
 */
class StartupFailureShownTest {
    /**
     * Longer than a plain exit takes once the failure is printed (well under a second): a JVM still alive
     * then waits for its window.
     */
    private static final long SHOWN_SECONDS = 3;

    @Test
    void aBadOptionWaitsInAWindow(@TempDir Path dir) throws Exception {
        assertShownUntilClosed(dir, "--listen", "not-an-address");
    }

    @Test
    void aRefusedListenAddressWaitsInAWindow(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"), "models:\n  m:\n    cmd: /nonexistent ${PORT}\n");
        assertShownUntilClosed(dir, "--config", config.toString(), "--listen", "0.0.0.0:" + FreePorts.loopback());
    }

    /**
     * The window remembers the file it last opened; one this locale cannot spell (an accent under
     * LC_ALL=C) ended the launch with a stack trace and exit 1, before any window could say why.
     */
    @Test
    void aRememberedFileTheLocaleCannotSpellIsPassedOver(@TempDir Path dir) throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve(".config/swapdeck")).resolve("window.properties"),
                "config.last=/tmp/Mod\\u00e8les/config.yaml\n");
        Path config = Files.writeString(dir.resolve("config.yaml"), "models:\n  m:\n    cmd: /nonexistent ${PORT}\n");
        assertShownUntilClosed(dir, Map.of("LC_ALL", "C"), "--config", config.toString(),
                "--listen", "0.0.0.0:" + FreePorts.loopback());
    }

    private static void assertShownUntilClosed(Path dir, String... args) throws Exception {
        assertShownUntilClosed(dir, Map.of(), args);
    }

    private static void assertShownUntilClosed(Path dir, Map<String, String> env, String... args) throws Exception {
        Path log = dir.resolve("console.log");
        Process windowed = start(dir, log, env, args);
        try {
            // a loaded machine can take seconds to start the JVM: what counts is that it waits once it failed
            Await.until(() -> "stderr says why too: " + read(log), Duration.ofSeconds(30),
                    () -> read(log).contains("swapdeck: ") || !windowed.isAlive());
            assertTrue(read(log).contains("swapdeck: "), "stderr says why too: " + read(log));
            assertFalse(windowed.waitFor(SHOWN_SECONDS, TimeUnit.SECONDS),
                    "exited without waiting for anyone to read why: " + read(log));
            windowed.destroy();
            assertTrue(windowed.waitFor(30, TimeUnit.SECONDS), "a SIGTERM (the session ending) closes the window");
            assertEquals(Main.EXIT_USAGE, windowed.exitValue(), "the failure's exit code stands: " + read(log));
        } finally {
            windowed.destroyForcibly().waitFor();
        }
        List<String> headless = new ArrayList<>(List.of(args));
        headless.add("--headless");
        Process plain = start(dir, log, env, headless.toArray(String[]::new));
        assertTrue(plain.waitFor(30, TimeUnit.SECONDS), Files.readString(log));
        assertEquals(Main.EXIT_USAGE, plain.exitValue(), Files.readString(log));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Process start(Path dir, Path log, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(DemoUpstreamCommand.java(), "-Dglass.platform=Monocle",
                "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("HOME", dir.toString());
        builder.environment().put(StateFolder.ENV_VARIABLE, dir.resolve("state").toString());
        builder.environment().putAll(env);
        return builder.start();
    }
}
