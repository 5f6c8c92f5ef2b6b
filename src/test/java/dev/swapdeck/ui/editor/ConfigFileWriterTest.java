package dev.swapdeck.ui.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a save leaves on disk besides the new text: the file's permissions, its backup, its link. */
class ConfigFileWriterTest {
    @TempDir Path dir;

    @Test
    void theSavedFileAndItsBackupKeepTheFilesPermissions() throws Exception {
        for (String mode : new String[] {"rw-r--r--", "rw-------", "rw-rw----"}) {
            Path file = dir.resolve(mode + ".yaml");
            Files.writeString(file, "models: {}\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));

            ConfigFileWriter.save(file, "models: {}\nhealthCheckTimeout: 30\n");
            ConfigFileWriter.save(file, "models: {}\nhealthCheckTimeout: 60\n");

            assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), "the file");
            assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(ConfigFileWriter.backupOf(file))),
                    "its backup");
            assertEquals("models: {}\nhealthCheckTimeout: 30\n", Files.readString(ConfigFileWriter.backupOf(file)));
        }
    }

    /** Another program wrote the file after the caller last read it, up to the backup's copy: its version stays. */
    @Test
    void aFileThatNoLongerHoldsWhatTheCallerReadIsLeftAsItIs() throws Exception {
        Path file = Files.writeString(dir.resolve("config.yaml"), "models: {}\nhealthCheckTimeout: 45\n");

        assertThrows(ConfigFileWriter.ChangedMeanwhile.class, () -> ConfigFileWriter.save(file, "models: {}\n",
                backup -> Files.readString(backup).equals("models: {}\nhealthCheckTimeout: 15\n")));

        assertEquals("models: {}\nhealthCheckTimeout: 45\n", Files.readString(file), "their version");
        try (var left = Files.list(dir)) {
            assertEquals(2, left.count(), "no temporary file left beside it and its backup");
        }
        assertTrue(ConfigFileWriter.save(file, "models: {}\n",
                backup -> Files.readString(backup).equals("models: {}\nhealthCheckTimeout: 45\n")));
        assertEquals("models: {}\n", Files.readString(file));
    }

    @Test
    void aLinkedFileIsSavedWhereTheLinkPointsAndStaysLinked() throws Exception {
        Path dotfiles = Files.createDirectories(dir.resolve("dotfiles"));
        Path real = Files.writeString(dotfiles.resolve("swapdeck.yaml"), "models: {}\n");
        Path link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("config")).resolve("config.yaml"), real);

        ConfigFileWriter.save(link, "models: {}\nhealthCheckTimeout: 30\n");

        assertTrue(Files.isSymbolicLink(link), "still a link");
        assertEquals("models: {}\nhealthCheckTimeout: 30\n", Files.readString(real));
        assertEquals("models: {}\n", Files.readString(dir.resolve("config/config.yaml.bak")));
        try (var left = Files.list(dotfiles)) {
            assertEquals(1, left.count(), "nothing else in the linked folder");
        }
    }

    /** A file deleted while open came back private (0600), whatever the umask, and the notice named a backup never made. */
    @Test
    void aNewFileIsCreatedWithItsFoldersAsTheUmaskMakesNewFiles() throws Exception {
        Path file = dir.resolve("new/folder/config.yaml");

        assertFalse(ConfigFileWriter.save(file, "models: {}\n"), "nothing backed up");

        assertEquals("models: {}\n", Files.readString(file));
        assertEquals(Files.getPosixFilePermissions(Files.createFile(dir.resolve("any-new-file"))),
                Files.getPosixFilePermissions(file));
        assertTrue(Files.notExists(ConfigFileWriter.backupOf(file)), "no backup of nothing");
    }

    /** A link whose target is gone was replaced by a plain file: the link is kept and its target written. */
    @Test
    void aLinkWhoseTargetIsGoneStaysALinkAndItsTargetIsWritten() throws Exception {
        Path dotfiles = Files.createDirectories(dir.resolve("dotfiles"));
        Path link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("config")).resolve("config.yaml"),
                Path.of("../dotfiles/swapdeck.yaml"));

        assertFalse(ConfigFileWriter.save(link, "models: {}\n"));

        assertTrue(Files.isSymbolicLink(link), "still a link");
        assertEquals("models: {}\n", Files.readString(dotfiles.resolve("swapdeck.yaml")));

        // its folder reached through a link: ".." goes up from where the folder really is, as the kernel's
        Path real = Files.createDirectories(dir.resolve("data/cfg"));
        Path through = Files.createSymbolicLink(Files.createDirectories(dir.resolve("home")).resolve(".config"), real);
        Path deep = Files.createSymbolicLink(through.resolve("config.yaml"), Path.of("../dotfiles/sd.yaml"));
        Files.createDirectories(dir.resolve("data/dotfiles"));
        assertFalse(ConfigFileWriter.save(deep, "models: {}\n"));
        assertEquals("models: {}\n", Files.readString(dir.resolve("data/dotfiles/sd.yaml")));
        assertEquals("models: {}\n", Files.readString(deep), "the link leads to it");
    }
}
