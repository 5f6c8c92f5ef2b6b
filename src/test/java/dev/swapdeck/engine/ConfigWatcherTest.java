package dev.swapdeck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code --watch-config} compares between polls: only what a reload reads. */
class ConfigWatcherTest {

    @Test
    void aConfigDirIsWatchedForItsYamlFilesOnly(@TempDir Path dir) throws Exception {
        Path configs = Files.createDirectory(dir.resolve("conf.d"));
        Path yaml = Files.writeString(configs.resolve("10-a.yaml"), "models: {}\n");
        Files.writeString(configs.resolve("notes.txt"), "first note");
        List<Path> watched = List.of(configs);
        String before = ConfigWatcher.snapshot(watched);

        Files.writeString(configs.resolve("notes.txt"), "a longer second note");
        Files.writeString(configs.resolve(".10-a.yaml.swp"), "vim's swap file");
        Files.createDirectory(configs.resolve("old.yaml"));
        assertEquals(before, ConfigWatcher.snapshot(watched), "edits beside the YAML files do not reload");

        Files.writeString(configs.resolve("20-b.yml"), "models: {}\n");
        String added = ConfigWatcher.snapshot(watched);
        assertNotEquals(before, added, "a new YAML file reloads");

        Files.writeString(yaml, "models: {a: {cmd: x}}\n");
        Files.setLastModifiedTime(yaml, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        assertNotEquals(added, ConfigWatcher.snapshot(watched), "an edited YAML file reloads");
    }

    /** As home-manager links a configuration from the Nix store, where every file's time is 1 s past 1970. */
    @Test
    void aFileOfTheSameSizeAndTimeInPlaceOfTheOldOneReloads(@TempDir Path dir) throws Exception {
        FileTime storeTime = FileTime.from(Instant.ofEpochSecond(1));
        Path first = Files.writeString(dir.resolve("a-config.yaml"), "models: {a: {cmd: x, ttl: 300}}\n");
        Path second = Files.writeString(dir.resolve("b-config.yaml"), "models: {a: {cmd: x, ttl: 900}}\n");
        Files.setLastModifiedTime(first, storeTime);
        Files.setLastModifiedTime(second, storeTime);
        Path link = Files.createSymbolicLink(dir.resolve("config.yaml"), first);
        String before = ConfigWatcher.snapshot(List.of(link));

        Files.delete(link);
        Files.createSymbolicLink(link, second);
        assertNotEquals(before, ConfigWatcher.snapshot(List.of(link)), "the link's new target reloads");
    }

    /** A save made while Swapdeck started, after its files were read and before the watcher began: read once settled. */
    @Test
    void aChangeSinceTheFilesWereReadIsReadOnceSettled() {
        ConfigWatcher.Settling files = new ConfigWatcher.Settling("e1", "e2");
        assertEquals(List.of(false, true, false, false), polls(files, "e2", "e2", "e2", "e2"));
    }

    /** A writer that pauses half a second part-way: its first half must not be read, its whole file once it settles. */
    @Test
    void aFileWrittenWithPausesIsReadOnlyOnceItStaysAsItIsForTwoPolls() {
        ConfigWatcher.Settling files = new ConfigWatcher.Settling("v1", "v1");
        assertEquals(List.of(false, false, false, false, false, true, false),
                polls(files, "v1", "half", "half", "v2", "v2", "v2", "v2"));
        assertEquals(List.of(false, false, false), polls(new ConfigWatcher.Settling("v1", "v1"), "v1", "v1", "v1"),
                "nothing changed: nothing read");
    }

    private static List<Boolean> polls(ConfigWatcher.Settling files, String... snapshots) {
        return java.util.Arrays.stream(snapshots).map(files::poll).toList();
    }
}
