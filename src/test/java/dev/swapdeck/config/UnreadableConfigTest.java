package dev.swapdeck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a person reads when the configuration cannot be read at all: the file, and why in words. */
class UnreadableConfigTest {
    @TempDir Path dir;

    @Test
    void aMissingFileIsNamedAsNotFound() {
        Path file = dir.resolve("gone.yaml");
        assertEquals("configuration file not found: " + file, message(file));
    }

    @Test
    void aLinkToNothingNamesWhereItPoints() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("config.yaml"), Path.of("dotfiles/swapdeck.yaml"));
        assertEquals("configuration file " + link + " is a link to " + dir.resolve("dotfiles/swapdeck.yaml")
                + ", which does not exist", message(link));
    }

    @Test
    void aFolderGivenAsTheFileSaysHowAFolderIsGiven() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("conf.d"));
        assertEquals("cannot read configuration " + folder + ": it is a folder (a folder of files is given with --config-dir)",
                message(folder));
    }

    /** A model file given as the configuration (gigabytes) filled the heap: OutOfMemoryError, exit 1. */
    @Test
    void aFileFarLargerThanAnyConfigurationIsNotReadWhole() throws Exception {
        Path model = dir.resolve("model.gguf");
        try (RandomAccessFile sparse = new RandomAccessFile(model.toFile(), "rw")) {
            sparse.setLength(ConfigText.MAX_BYTES + 1); // as the first bytes of a model file of gigabytes
        }
        assertEquals("cannot read configuration " + model + ": it holds more than 16 MiB, which is no configuration file"
                + " (a model file named by mistake?)", message(model));
    }

    @Test
    void aFileThatIsNotUtf8SaysSo() throws Exception {
        Path file = Files.write(dir.resolve("latin1.yaml"), new byte[] {'#', ' ', (byte) 0xC3, (byte) 0xA9, '\n',
            'n', 'a', 'm', 'e', ':', ' ', (byte) 0xE9, '\n'});
        assertEquals("cannot read configuration " + file + ": it is not UTF-8 text (line 2, column 7: byte 0xE9);"
                + " save the file as UTF-8", message(file), "where, counted in characters");
    }

    @Test
    void aFileInAConfigFolderIsNamedTheSameWay() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("conf.d"));
        Path file = Files.write(folder.resolve("10-a.yaml"), new byte[] {(byte) 0xFF, '\n'});
        UnreadableConfigException e = assertThrows(UnreadableConfigException.class,
                () -> ConfigSources.load(Optional.empty(), Optional.of(folder)));
        assertEquals("cannot read configuration " + file + ": it is not UTF-8 text (line 1, column 1: byte 0xFF);"
                + " save the file as UTF-8", e.getMessage());
    }

    /** As a reload finds a --config-dir moved away, or replaced by a file: the JDK's own message is the bare path. */
    @Test
    void aConfigFolderThatCannotBeListedSaysWhy() throws Exception {
        Path gone = dir.resolve("gone.d");
        assertEquals("cannot read configuration folder " + gone + ": not found", folderMessage(gone));
        Path file = Files.writeString(dir.resolve("conf.d"), "models: {}\n");
        assertEquals("cannot read configuration folder " + file + ": not a folder", folderMessage(file));
    }

    private static String folderMessage(Path folder) {
        return assertThrows(UnreadableConfigException.class,
                () -> ConfigSources.load(Optional.empty(), Optional.of(folder))).getMessage();
    }

    private static String message(Path file) {
        return assertThrows(UnreadableConfigException.class, () -> ConfigLoader.load(file)).getMessage();
    }
}
