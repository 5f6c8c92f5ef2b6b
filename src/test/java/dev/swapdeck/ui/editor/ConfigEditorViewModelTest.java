package dev.swapdeck.ui.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.ConfigException;
import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.config.ConfigSources;
import dev.swapdeck.config.PortHints;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.engine.ConfigSource;
import dev.swapdeck.ui.ConfigFiles;
import dev.swapdeck.ui.Notices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The editor and a file that another program writes while it is open here. */
class ConfigEditorViewModelTest {
    @TempDir Path dir;
    private Path file;
    private String original;
    private final Notices notices = new Notices();
    private final ConfigEditorViewModel editor = new ConfigEditorViewModel(notices,
            path -> CompletableFuture.<SwapdeckConfig>failedFuture(new UnsupportedOperationException()), ConfigLoader::load);

    @BeforeEach
    void openTheConfigInForce() throws Exception {
        file = ConfigFiles.twoModels(dir);
        original = Files.readString(file);
        editor.follow(Optional.of(file));
        assertEquals(original, editor.loadedTextProperty().get());
    }

    @Test
    void withNothingUnsavedTheEditorShowsWhatAnotherProgramWrote() throws Exception {
        int revision = editor.revisionProperty().get();
        String theirs = original.replace("healthCheckTimeout: 15", "healthCheckTimeout: 45");
        writeElsewhere(theirs);

        editor.follow(Optional.of(file));

        assertEquals(theirs, editor.loadedTextProperty().get());
        assertEquals(revision + 1, editor.revisionProperty().get(), "the editor's text replaced");
        editor.follow(Optional.of(file));
        assertEquals(revision + 1, editor.revisionProperty().get(), "once");
    }

    @Test
    void unsavedEditsStayAndSaveAsksBeforeOverwritingTheOtherVersion() throws Exception {
        String mine = original.replace("name: Alpha", "name: Alpha renamed here");
        editor.edited(mine);
        String theirs = original.replace("healthCheckTimeout: 15", "healthCheckTimeout: 45");
        writeElsewhere(theirs);

        editor.follow(Optional.of(file));
        assertEquals(original, editor.loadedTextProperty().get(), "the edits are not replaced");
        assertTrue(editor.dirtyProperty().get());

        assertFalse(editor.save(mine), "not saved unasked");
        assertEquals(theirs, Files.readString(file));
        assertTrue(notices.messageProperty().get().contains("changed on disk"), notices.messageProperty().get());

        assertTrue(editor.save(mine), "the second Save overwrites");
        assertEquals(mine, Files.readString(file));
        assertEquals(theirs, Files.readString(ConfigFileWriter.backupOf(file)), "their version kept");
        assertFalse(editor.dirtyProperty().get());
    }

    @Test
    void aKeystrokeNotYetValidatedAlreadyKeepsTheTextFromBeingReplaced() throws Exception {
        int revision = editor.revisionProperty().get();
        editor.typed(original + "#");
        writeElsewhere(original.replace("healthCheckTimeout: 15", "healthCheckTimeout: 45"));

        editor.follow(Optional.of(file));

        assertTrue(editor.dirtyProperty().get());
        assertEquals(revision, editor.revisionProperty().get(), "the text being typed stays");
    }

    @Test
    void openingAFileToFixItNeverDropsUnsavedEditsToAnother() throws Exception {
        Path rejected = Files.writeString(file.resolveSibling("rejected.yaml"), "models: [\n");
        String mine = original.replace("name: Alpha", "name: Alpha renamed here");
        editor.edited(mine);

        assertFalse(editor.openKeepingEdits(rejected));
        assertEquals(Optional.of(file), editor.fileProperty().get());
        assertTrue(editor.dirtyProperty().get());
        assertTrue(notices.messageProperty().get().startsWith("The editor has unsaved changes to "),
                notices.messageProperty().get());

        assertTrue(editor.openKeepingEdits(file), "its own file with its edits stays as it is");
        assertTrue(editor.dirtyProperty().get());
        editor.revert();
        assertTrue(editor.openKeepingEdits(rejected));
        assertEquals(Optional.of(rejected), editor.fileProperty().get());
    }

    @Test
    void aFileTouchedButNotChangedIsSavedAtOnce() throws Exception {
        String mine = original.replace("name: Alpha", "name: Alpha renamed here");
        editor.edited(mine);
        writeElsewhere(original);

        assertTrue(editor.save(mine));
        assertEquals(mine, Files.readString(file));
    }

    /** The notice named a backup of a file deleted while open, which no save could have made. */
    @Test
    void aSaveNamesItsBackupOnlyWhenThereWasAFileToBackUp() throws Exception {
        String mine = original.replace("name: Alpha", "name: Alpha renamed here");
        editor.edited(mine);
        assertTrue(editor.save(mine));
        assertEquals("Saved " + file + " (previous version in " + file.getFileName() + ".bak)", notices.messageProperty().get());
        Files.delete(file);
        assertTrue(editor.save(original));
        assertEquals("Saved " + file + ", which was not on disk", notices.messageProperty().get());
        assertEquals(original, Files.readString(file));
    }

    /**
     * Another program writes text of the same size with the same modification time (within the file
     * system's tick, or with {@code cp -p} / {@code touch -r}): the stamp cannot tell, the text does.
     */
    @Test
    void aWriteThatLeavesTheStampAsItWasIsNotOverwrittenUnasked() throws Exception {
        String theirs = original.replace("name: Alpha", "name: ALPHA");
        writeKeepingTheStamp(theirs);

        String mine = original.replace("healthCheckTimeout: 15", "healthCheckTimeout: 45");
        editor.edited(mine);
        assertFalse(editor.save(mine), "not saved unasked");
        assertEquals(theirs, Files.readString(file));
        assertTrue(notices.messageProperty().get().contains("changed on disk"), notices.messageProperty().get());
    }

    /** The same after a first Save: the editor's stamp of its own write is no proof that nobody wrote since. */
    @Test
    void aWriteJustAfterASaveIsNotOverwrittenByTheNextSave() throws Exception {
        String mine = original.replace("name: Alpha", "name: Alpha renamed here");
        assertTrue(editor.save(mine));
        String theirs = mine.replace("renamed here", "RENAMED HERE");
        writeKeepingTheStamp(theirs);

        String again = mine.replace("healthCheckTimeout: 15", "healthCheckTimeout: 45");
        editor.edited(again);
        assertFalse(editor.save(again), "not saved unasked");
        assertEquals(theirs, Files.readString(file));
    }

    /** Save again overwrites the version the person was told about, not one written after they were told. */
    @Test
    void aSecondSaveOverwritesOnlyTheVersionThePersonWasToldAbout() throws Exception {
        String mine = original.replace("name: Alpha", "name: Alpha renamed here");
        editor.edited(mine);
        writeElsewhere(original.replace("healthCheckTimeout: 15", "healthCheckTimeout: 45"));
        assertFalse(editor.save(mine), "asked");

        String later = original.replace("healthCheckTimeout: 15", "healthCheckTimeout: 90");
        writeElsewhere(later);
        assertFalse(editor.save(mine), "asked again: this version was never told about");
        assertEquals(later, Files.readString(file));

        assertTrue(editor.save(mine), "told about it, the person overwrites it");
        assertEquals(mine, Files.readString(file));
        assertEquals(later, Files.readString(ConfigFileWriter.backupOf(file)), "their version kept");
    }

    @Test
    void ourOwnSaveIsNotTakenForAnotherProgramsWrite() throws Exception {
        String mine = original.replace("name: Alpha", "name: Alpha renamed here");
        editor.edited(mine);
        assertTrue(editor.save(mine));
        int revision = editor.revisionProperty().get();

        editor.follow(Optional.of(file));
        String again = mine.replace("renamed here", "renamed twice");
        editor.edited(again);

        assertEquals(revision, editor.revisionProperty().get(), "not reopened");
        assertTrue(editor.save(again), "no question asked");
    }

    @Test
    void aFileThatCannotBeOpenedSaysWhyInWords() {
        Path gone = dir.resolve("gone.yaml");

        editor.open(gone);

        assertEquals("Could not open gone.yaml: not found (" + gone + ")", notices.messageProperty().get());
        assertEquals(Optional.of(file), editor.fileProperty().get(), "the file open before stays");
    }

    /** With {@code --config-dir} beside the file, a reload merges them: the editor checks the text so too. */
    @Test
    void theTextIsCheckedAsTheEnginesSourceReadsTheFile() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("models.d"));
        Files.writeString(folder.resolve("m.yaml"), "models:\n  a:\n    cmd: demo --port ${PORT}\n");
        Path settings = Files.writeString(dir.resolve("main.yaml"), "healthCheckTimeout: 30\n");
        ConfigSource withFolder = new ConfigSource() { // as the command line's source with --config-dir
            @Override
            public SwapdeckConfig load(Path path, PortHints kept) throws ConfigException, IOException {
                return ConfigSources.loadAt(path, Optional.of(folder), Optional.empty(), kept);
            }

            @Override
            public SwapdeckConfig loadEditing(Path path, Path edited, String text) throws ConfigException, IOException {
                return ConfigSources.loadAt(path, Optional.of(folder), Optional.of(new ConfigSources.Edit(edited, text)),
                        PortHints.NONE);
            }

            @Override
            public List<Path> filesRead(Path path) throws IOException {
                return ConfigSources.filesAt(path, Optional.of(folder));
            }
        };
        List<Path> applied = new ArrayList<>();
        ConfigEditorViewModel merged = new ConfigEditorViewModel(notices, path -> {
            applied.add(path);
            return CompletableFuture.<SwapdeckConfig>failedFuture(new UnsupportedOperationException());
        }, withFolder);
        merged.follow(Optional.of(settings));
        assertEquals(List.of(), merged.markers(), "the models are in the folder");
        merged.edited("healthCheckTimeout: 30\nmodels:\n  a:\n    cmd: demo --port ${PORT}\n");
        assertTrue(merged.markers().stream().anyMatch(m -> m.error() && m.summary().contains("defined again")),
                merged.markers().toString());

        // the folder's files are offered beside the file, each checked merged with the rest
        Path models = folder.resolve("m.yaml");
        assertEquals(List.of(settings, models), merged.folderFiles());
        merged.revert();
        merged.open(models);
        merged.edited("models:\n  a:\n    cmd: demo --port ${PORT}\n    ttl: soon\n");
        ConfigMarker ttl = merged.markers().get(0);
        assertTrue(ttl.error() && ttl.inThisFile() && ttl.line() == 4, ttl.summary());
        String fixed = "models:\n  a:\n    cmd: demo --port ${PORT}\n    ttl: 60\n";
        merged.edited(fixed);
        merged.saveAndReload(fixed);
        assertEquals(List.of(settings), applied, "Save and reload reloads the file with its folder");
    }

    @Test
    void aFolderInForceIsEditedFileByFileEachValidatedWithTheOthersAndReloadedWhole() throws Exception {
        List<Path> applied = new ArrayList<>();
        ConfigEditorViewModel folderEditor = new ConfigEditorViewModel(notices, path -> {
            applied.add(path);
            return CompletableFuture.<SwapdeckConfig>failedFuture(new UnsupportedOperationException());
        }, ConfigLoader::load);
        Path folder = Files.createDirectory(dir.resolve("conf.d"));
        Path base = Files.writeString(folder.resolve("10-base.yaml"), "macros:\n  server: demo --port ${PORT}\n");
        Path models = Files.writeString(folder.resolve("20-models.yaml"), "models:\n  a:\n    cmd: ${server}\n");

        folderEditor.follow(Optional.of(folder));

        assertEquals(List.of(base, models), folderEditor.folderFiles());
        assertEquals(Optional.of(base), folderEditor.fileProperty().get(), "the first file, as merged");
        assertEquals(List.of(), folderEditor.markers(), "macros alone are no configuration, but the folder is");

        folderEditor.open(models);
        folderEditor.edited("models:\n  a:\n    cmd: ${server}\n    ttl: soon\n");
        ConfigMarker ttl = folderEditor.markers().get(0);
        assertTrue(ttl.error() && ttl.inThisFile() && ttl.line() == 4 && ttl.column() == 10, ttl.summary());

        folderEditor.open(base);
        folderEditor.edited("macros:\n  server: demo --port ${PORT}\n  other: x\n");
        assertEquals(List.of(), folderEditor.markers(), "the other file as it is on disk");
        Files.writeString(models, "models:\n  a:\n    cmd: ${server}\n    ttl: soon\n");
        folderEditor.edited("macros:\n  server: demo --port ${PORT}\n");
        ConfigMarker elsewhere = folderEditor.markers().get(0);
        assertFalse(elsewhere.inThisFile());
        assertEquals(0, elsewhere.line(), "placed nowhere in this file");
        assertTrue(elsewhere.summary().startsWith("error in 20-models.yaml:4:10  models.a.ttl"), elsewhere.summary());

        Path added = Files.writeString(folder.resolve("30-more.yml"), "");
        folderEditor.follow(Optional.of(folder));
        assertEquals(List.of(base, models, added), folderEditor.folderFiles(), "a file added since is offered");

        Files.writeString(models, "models:\n  a:\n    cmd: ${server}\n");
        folderEditor.edited("macros:\n  server: demo --port ${PORT}\n");
        folderEditor.saveAndReload("macros:\n  server: demo --port ${PORT}\n");
        assertEquals(List.of(folder), applied, "the folder is reloaded, not the one file");
    }

    /** Writes the file as another program would, its modification time moved on (file systems with coarse times). */
    /** A Windows editor's file: opened clean, an edit undone leaves nothing unsaved, and a Save keeps its CR LF. */
    @Test
    void aFileWithCrLfLineEndsKeepsThem() throws Exception {
        writeElsewhere(original.replace("\n", "\r\n"));
        editor.follow(Optional.of(file));
        assertEquals(original, editor.loadedTextProperty().get(), "the editor's area holds lines apart with LF");
        assertFalse(editor.dirtyProperty().get());

        editor.typed(original + "#");
        editor.typed(original);
        assertFalse(editor.dirtyProperty().get(), "an edit undone is nothing unsaved");
        editor.follow(Optional.of(file));
        assertEquals(original, editor.loadedTextProperty().get(), "the same text with other line ends is no change");

        String mine = original.replace("name: Alpha", "name: Alpha renamed here");
        assertTrue(editor.save(mine));
        assertEquals(mine.replace("\n", "\r\n"), Files.readString(file));
    }

    /** Bytes that are not UTF-8 text, written by another program: the editor says so, and Save asks first. */
    @Test
    void aFileAnotherProgramMadeUnreadableIsNotOverwrittenUnasked() throws Exception {
        FileTime before = Files.getLastModifiedTime(file);
        byte[] latin1 = (original + "# caf\u00e9\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(file, latin1);
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 2_000));

        editor.follow(Optional.of(file));
        assertTrue(notices.messageProperty().get().startsWith("Could not open " + file.getFileName() + ": "),
                notices.messageProperty().get());

        assertFalse(editor.save(original), "not saved unasked");
        assertTrue(notices.messageProperty().get().contains("changed on disk"), notices.messageProperty().get());
        assertTrue(java.util.Arrays.equals(latin1, Files.readAllBytes(file)), "their bytes kept");
    }

    /** A misspelt key is worth knowing while an error is being fixed, not only after. */
    @Test
    void warningsAreListedBesideErrors() {
        List<ConfigMarker> markers = editor.validate("models:\n  a:\n    cmd: a --port ${PORT}\n    tll: 5\n    ttl: soon\n");
        assertEquals(List.of("5:10 error  models.a.ttl", "4:5 warning  models.a.tll"),
                markers.stream().map(m -> m.summary().substring(0, m.summary().indexOf(':', m.summary().indexOf(' ')))).toList());
    }

    /** Writes {@code text}, of the same length as the file's, leaving its modification time as it was. */
    private void writeKeepingTheStamp(String text) throws Exception {
        FileTime before = Files.getLastModifiedTime(file);
        assertEquals(Files.size(file), text.length(), "the same size");
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, before);
    }

    private void writeElsewhere(String text) throws Exception {
        FileTime before = Files.getLastModifiedTime(file);
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 2_000));
    }
}
