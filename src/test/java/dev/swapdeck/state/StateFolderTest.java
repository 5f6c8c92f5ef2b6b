package dev.swapdeck.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFolderTest {

    @Test
    void explicitVariableWinsOverXdg() {
        StateFolder folder = StateFolder.from(Map.of("SWAPDECK_STATE_DIR", "/tmp/s", "XDG_STATE_HOME", "/x"));
        assertEquals(Path.of("/tmp/s"), folder.dir());
    }

    @Test
    void followsXdgWhenAbsoluteElseHome() {
        assertEquals(Path.of("/x/swapdeck"), StateFolder.from(Map.of("XDG_STATE_HOME", "/x")).dir());
        assertEquals(Path.of("/home/u/.local/state/swapdeck"),
                StateFolder.from(Map.of("XDG_STATE_HOME", "relative", "HOME", "/home/u")).dir());
    }

    @Test
    void writesReplaceAtomicallyAndLeaveNoTemporaryFiles(@TempDir Path dir) throws Exception {
        StateFolder folder = new StateFolder(dir.resolve("nested"));
        assertEquals(Optional.empty(), folder.read("children.json"));
        folder.write("children.json", "[1]");
        folder.write("children.json", "[2]");
        assertEquals(Optional.of("[2]"), folder.read("children.json"));
        try (var files = Files.list(dir.resolve("nested"))) {
            assertEquals(1, files.count());
        }
    }
}
