package dev.swapdeck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refused reload is told to everyone, whoever asked for it (SIGHUP and {@code --watch-config} have
 * no caller to answer): kept as the engine's last rejection and published, until a configuration
 * takes effect.
 */
class ReloadRejectionTest {

    @Test
    void aRefusedFileIsKeptAndPublishedUntilAConfigurationTakesEffect(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("config.yaml"), "models:\n" + DemoYaml.model("s", FreePorts.loopback(), List.of()));
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "models:\n  x:\n    cmd: echo ${PORT}\n    ttl: soon\n");
        EventBus bus = new EventBus();
        List<ConfigRejected> published = new CopyOnWriteArrayList<>();
        bus.subscribe(event -> {
            if (event instanceof ConfigRejected rejected) {
                published.add(rejected);
            }
        });
        SwapdeckEngine engine = new SwapdeckEngine(ConfigSources.load(Optional.of(file), Optional.empty()),
                new LogHub(bus), (path, kept) -> ConfigSources.load(Optional.of(path), Optional.empty(), kept),
                ProcessFactory.childProcesses(), "http://127.0.0.1:0/v1");
        try {
            assertEquals(Optional.empty(), engine.lastRejection());
            assertThrows(ExecutionException.class, () -> engine.reload(broken).get(30, TimeUnit.SECONDS));

            ConfigRejected rejection = engine.lastRejection().orElseThrow();
            assertEquals(List.of(rejection), published);
            assertEquals(broken, rejection.file());
            assertEquals(1, rejection.problems().size(), rejection.problems().toString());
            assertTrue(rejection.problems().get(0).startsWith(broken + ":4:10: models.x.ttl"), rejection.problems().toString());
            assertEquals(file, engine.config().source().orElseThrow(), "the configuration in force stays");

            engine.reload(file).get(30, TimeUnit.SECONDS);
            assertEquals(Optional.empty(), engine.lastRejection(), "a configuration took effect since");
        } finally {
            engine.shutdown().get(30, TimeUnit.SECONDS);
        }
    }
}
