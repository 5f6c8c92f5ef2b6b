package dev.swapdeck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swapdeck.config.ConfigSources;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.testing.DemoYaml;
import dev.swapdeck.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload runs on a thread of Swapdeck's own, named: without an executor it went to the common pool,
 * which on a two-core machine starts a new unnamed {@code Thread-N} for every task.
 */
class ReloadThreadTest {

    @Test
    void aReloadReadsItsFileOnANamedThread(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("config.yaml"), "models:\n" + DemoYaml.model("s", FreePorts.loopback(), List.of()));
        List<String> readOn = new CopyOnWriteArrayList<>();
        SwapdeckEngine engine = new SwapdeckEngine(ConfigSources.load(Optional.of(file), Optional.empty()),
                new LogHub(new EventBus()), (path, kept) -> {
                    readOn.add(Thread.currentThread().getName());
                    return ConfigSources.load(Optional.of(path), Optional.empty(), kept);
                }, ProcessFactory.childProcesses(), "http://127.0.0.1:0/v1");
        try {
            engine.reload(file).get(30, TimeUnit.SECONDS);
            engine.reload(file).get(30, TimeUnit.SECONDS);
            assertEquals(List.of("swapdeck-reload", "swapdeck-reload"), readOn);
        } finally {
            engine.shutdown().get(30, TimeUnit.SECONDS);
        }
    }
}
