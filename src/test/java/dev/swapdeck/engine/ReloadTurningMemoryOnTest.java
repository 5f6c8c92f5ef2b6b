package dev.swapdeck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.ConfigSources;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.memory.MemoryOptions;
import dev.swapdeck.state.StateFolder;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.FakeNvidiaSmi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload that turns memory-aware swapping on samples nvidia-smi first, which may take seconds (a
 * driver waking up), once and outside the engine's lock. Every request asks the engine whether it is
 * shutting down, on its IO thread: that question never waits for the reload.
 */
class ReloadTurningMemoryOnTest {

    @Test
    void requestsDoNotWaitForTheFirstSample(@TempDir Path dir) throws Exception {
        Path started = dir.resolve("started");
        Path answered = dir.resolve("answered");
        Path smi = dir.resolve("nvidia-smi");
        Files.writeString(smi, String.join("\n", "#!/bin/sh", "touch '" + started + "'", "sleep 1.5",
                "touch '" + answered + "'", "case \"$1\" in --query-gpu=*) echo '0, 24576, 0';; esac", ""));
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwx------"));
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "models:\n  a:\n    cmd: a --port ${PORT}\n");
        SwapdeckConfig config = ConfigSources.load(Optional.of(file), Optional.empty());
        LogHub logs = new LogHub(new EventBus());
        SwapdeckEngine engine = new SwapdeckEngine(config, logs,
                (path, kept) -> ConfigSources.load(Optional.of(path), Optional.empty(), kept),
                ProcessFactory.childProcesses(), "http://127.0.0.1:0/v1", new StateFolder(dir),
                new MemoryOptions(smi.toString(), Duration.ofSeconds(5), Path.of("/proc"), new StateFolder(dir),
                        FakeNvidiaSmi.TEST_CADENCE));
        try {
            Files.writeString(file, "memory:\n  budget: 8GiB\nmodels:\n  a:\n    cmd: a --port ${PORT}\n");
            CompletableFuture<SwapdeckConfig> reload = engine.reload(file);
            Await.until("nvidia-smi asked", Duration.ofSeconds(20), () -> Files.exists(started));
            assertFalse(engine.isShuttingDown());
            assertFalse(Files.exists(answered), "answered while nvidia-smi was still being asked");
            assertTrue(reload.get(30, TimeUnit.SECONDS).memory().enabled());
            assertEquals(1, logs.proxyHistory().stream().filter(line -> line.text().contains("first sample is taking"
                    + " longer")).count(), "one wait for the first sample (two queries of 1.5 s), not a second one");
        } finally {
            engine.shutdown().get(30, TimeUnit.SECONDS);
        }
    }
}
