package dev.swapdeck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.DemoConfig;
import dev.swapdeck.config.SwapdeckConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's hint says to create the default file: headless, a SIGHUP (or --watch-config, or the API)
 * then loads it, without a restart.
 */
class DemoReloadTest {
    @TempDir
    Path dir;

    @Test
    void aReloadOfTheDemoLoadsTheFileALaunchWouldNowFind() throws Exception {
        Path expected = dir.resolve("swapdeck/config.yaml");
        try (EngineHarness harness = new EngineHarness(DemoConfig.load())) {
            harness.engine.findConfigForTheDemo(() -> Optional.of(expected).filter(Files::isRegularFile), expected);

            ExecutionException none = assertThrows(ExecutionException.class,
                    () -> harness.engine.reload().get(20, TimeUnit.SECONDS));
            assertEquals("the built-in demo has no file to reload; create " + expected + " or start with --config FILE",
                    none.getCause().getMessage());

            Files.createDirectories(expected.getParent());
            Files.writeString(expected, "models:\n  mine:\n    cmd: /bin/true\n    proxy: http://127.0.0.1:9\n");
            SwapdeckConfig loaded = harness.engine.reload().get(20, TimeUnit.SECONDS);

            assertEquals(Optional.of(expected), loaded.source());
            assertTrue(loaded.models().containsKey("mine"), loaded.models().keySet().toString());
            assertEquals(loaded, harness.engine.config());
        }
    }

    @Test
    void theWatcherSeesTheFileAppear() throws Exception {
        Path expected = dir.resolve("config.yaml");
        String before = ConfigWatcher.snapshot(List.of(expected));
        Files.writeString(expected, "models: {}\n");
        assertNotEquals(before, ConfigWatcher.snapshot(List.of(expected)));
    }
}
