package dev.swapdeck.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.state.StateFolder;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.DemoYaml;
import dev.swapdeck.testing.FreePorts;
import dev.swapdeck.testing.SwapdeckJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §1 and §9: SIGHUP and SIGTERM are Swapdeck's from its first moment. While it starts (here,
 * waiting out the grace of a leftover that ignores SIGTERM) a SIGHUP does not end it and a SIGTERM
 * ends it cleanly, with 0, once what it was stopping is gone.
 */
@EnabledOnOs(OS.LINUX)
class SignalsWhileStartingTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Test
    void hupAndTermWhileStartingAreHandledNotFatal(@TempDir Path dir) throws Exception {
        StateFolder state = new StateFolder(dir.resolve("state"));
        try (Leftover stubborn = Leftover.start("stubborn", 0, List.of("sh", "-c", "trap '' TERM; sleep 64"), 0)) {
            stubborn.awaitChild("sleep");
            String record = Leftover.record(state, List.of(stubborn.recorded));
            try (SwapdeckJvm app = SwapdeckJvm.in(dir).config("models:\n" + DemoYaml.model("a", FreePorts.loopback(),
                    List.of())).env(StateFolder.ENV_VARIABLE, state.dir().toString()).spawn()) {
                Await.until(app::output, PATIENCE, () -> app.output().contains("stopping model server stubborn"));
                app.signal("HUP");
                app.signal("TERM");

                assertTrue(app.process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), app.output());
                assertEquals(0, app.process.exitValue(), app.output());
                assertTrue(app.output().contains("SIGTERM received: shutting down"), "the log says why: " + app.output());
                assertFalse(ProcTable.alive(stubborn.process.pid()), "the leftover was stopped before the exit");
                assertTrue(state.read(record).isEmpty(), "and its record forgotten");
            }
        }
    }

    /**
     * A SIGTERM while the configuration is still being read (here: a named pipe nothing has written yet,
     * so the read waits) is a clean shutdown too: exit 0, not the JVM's 143.
     */
    @Test
    void aTermWhileTheConfigurationIsReadIsACleanShutdown(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("config.yaml");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        try (SwapdeckJvm app = SwapdeckJvm.in(dir).args("--config", fifo.toString())
                .env(StateFolder.ENV_VARIABLE, dir.resolve("state").toString()).spawn()) {
            Await.until(app::output, PATIENCE, () -> readingTheFifo(app.process.pid()));
            app.signal("TERM");
            // what it was reading arrives; a writer waits for a reader, so not once the process is gone
            Thread writer = new Thread(() -> {
                try {
                    Files.writeString(fifo, "models:\n" + DemoYaml.model("a", FreePorts.loopback(), List.of()));
                } catch (IOException e) {
                    // the process died with the signal: the exit code says so below
                }
            }, "fifo-writer");
            writer.setDaemon(true);
            writer.start();

            assertTrue(app.process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), app.output());
            assertEquals(0, app.process.exitValue(), app.output());
        }
    }

    /** Whether a thread of {@code pid} waits in open(2) for a named pipe's writer. */
    private static boolean readingTheFifo(long pid) {
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.anyMatch(task -> {
                try {
                    return Files.readString(task.resolve("wchan")).equals("wait_for_partner");
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException e) {
            return false;
        }
    }
}
