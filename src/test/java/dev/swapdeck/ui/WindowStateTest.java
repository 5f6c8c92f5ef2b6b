package dev.swapdeck.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file the window last loaded, as remembered: one that cannot be a path here (an accent under
 * LC_ALL=C, a NUL in an edited file) is forgotten, not thrown at the launch or at Open config.
 */
class WindowStateTest {
    @TempDir Path dir;

    @Test
    void aRememberedConfigIsItsPathOrNothing() throws Exception {
        Path file = dir.resolve("window.properties");
        Files.writeString(file, "config.last=/home/jo/models.yaml\n");
        assertEquals(Optional.of(Path.of("/home/jo/models.yaml")), WindowState.load(file).lastConfig());
        Files.writeString(file, "config.last=/home/jo/mod\\u0000els.yaml\n");
        assertEquals(Optional.empty(), WindowState.load(file).lastConfig());
        Files.writeString(file, "");
        assertEquals(Optional.empty(), WindowState.load(file).lastConfig());
    }
}
