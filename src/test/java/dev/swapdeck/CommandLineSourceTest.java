package dev.swapdeck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.ConfigException;
import dev.swapdeck.config.PortHints;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.engine.ConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config editor checks unsaved text as a reload reads the file: with {@code --config FILE
 * --config-dir DIR} merged with the folder, and beyond loopback with keys required. It checked the
 * file alone: a file whose models are in the folder was marked in error, a model defined in both was
 * not, and a file without keys passed, each until the reload said otherwise.
 */
class CommandLineSourceTest {
    @TempDir Path dir;

    @Test
    void unsavedTextOfTheFileIsCheckedMergedWithTheFolderAsAReloadReadsIt() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("conf.d"));
        Files.writeString(folder.resolve("models.yaml"), "models:\n  a:\n    cmd: demo --port ${PORT}\n");
        Path file = Files.writeString(dir.resolve("main.yaml"), "healthCheckTimeout: 30\n");
        ConfigSource source = new CommandLineSource(Optional.of(folder));

        assertEquals(List.of(file, folder.resolve("models.yaml")), source.filesRead(file), "the editor offers each");
        SwapdeckConfig reloaded = source.load(file, PortHints.NONE);
        SwapdeckConfig edited = source.loadEditing(file, file, "healthCheckTimeout: 60\n");
        assertEquals(reloaded.models().keySet(), edited.models().keySet(), "the folder's models, with the edited file");
        assertEquals(60, edited.healthCheckTimeout().toSeconds());

        ConfigException twice = assertThrows(ConfigException.class, () -> source.loadEditing(file, file,
                "models:\n  a:\n    cmd: demo --port ${PORT}\n"));
        assertTrue(twice.getMessage().contains("defined again"), twice.getMessage());
    }

    @Test
    void beyondLoopbackTextWithoutKeysIsRefusedAsItsReloadWouldBe() throws Exception {
        Path file = Files.writeString(dir.resolve("config.yaml"), "apiKeys: [k]\nmodels:\n  a:\n    cmd: demo --port ${PORT}\n");
        ConfigSource source = KeysKeptSource.guard(new CommandLineSource(Optional.empty()), ListenAddress.parse("0.0.0.0:8080"),
                false);
        assertEquals(Optional.of(file), source.loadEditing(file, file, Files.readString(file)).source());
        ConfigException refused = assertThrows(ConfigException.class, () -> source.loadEditing(file, file,
                "models:\n  a:\n    cmd: demo --port ${PORT}\nnoSuchSetting: 1\n"));
        assertTrue(refused.warnings().stream().anyMatch(w -> w.toString().contains("noSuchSetting")),
                "the text's other warnings stay listed beside the refusal: " + refused.warnings());
        assertTrue(refused.getMessage().contains("apiKeys") && refused.getMessage().contains("required while Swapdeck listens on"),
                refused.getMessage());
    }
}
