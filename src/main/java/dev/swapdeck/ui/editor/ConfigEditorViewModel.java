package dev.swapdeck.ui.editor;

import dev.swapdeck.config.ConfigException;
import dev.swapdeck.config.ConfigText;
import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.config.ConfigProblem;
import dev.swapdeck.state.FileProblems;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.engine.ConfigSource;
import dev.swapdeck.ui.Notices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The config editor: which file it edits, the text loaded from it, whether the edits are saved, and
 * the problems the loader finds in the text being edited (the same messages, lines and columns as a
 * reload would report). It follows the configuration in force until the person opens another file
 * or has unsaved edits.
 * <p>
 * The file may also be written by another program (the person's own editor, a script) while it is
 * open here. Without unsaved edits, the editor shows the new text once it sees the change (it looks
 * at each refresh of the window, about once a second). With them, Save does not overwrite the other
 * program's version unasked: it says so, and a second Save overwrites (that version kept as the
 * backup) while Revert loads it.
 * <p>
 * A configuration in force read from several files (a folder given with {@code --config-dir}, with
 * or without a {@code --config} file) is edited file by file: the editor lists them
 * ({@link #folderFiles}, in the order they are merged) and opens the first; each is validated merged
 * with the others as they are on disk, since one file alone may hold only part of the configuration;
 * Save and reload reloads them all. FX thread.
 */
public final class ConfigEditorViewModel {
    private final Notices notices;
    private final Function<Path, CompletableFuture<SwapdeckConfig>> apply;
    private final ConfigSource source;
    private final ReadOnlyObjectWrapper<Optional<Path>> file = new ReadOnlyObjectWrapper<>(this, "file", Optional.empty());
    private final ReadOnlyStringWrapper loadedText = new ReadOnlyStringWrapper(this, "loadedText", "");
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(this, "revision");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ObservableList<ConfigMarker> markers = FXCollections.observableArrayList();
    /** One wrapper for every reader: a listener added to a throwaway wrapper is lost when it is collected. */
    private final ObservableList<ConfigMarker> readOnlyMarkers = FXCollections.unmodifiableObservableList(markers);
    private Optional<Path> followed = Optional.empty();
    /** The files the configuration in force is merged from, when it is read from several (a folder). */
    private final ObservableList<Path> folderFiles = FXCollections.observableArrayList();
    /** The file on disk when its text was last opened or saved here. */
    private Optional<DiskStamp> loadedStamp = Optional.empty();
    /**
     * The text another program wrote that the person was told about: their next Save overwrites it,
     * as long as the file still holds it (a later write is told about again).
     */
    private Optional<String> overwriteAsked = Optional.empty();
    /** Stands for the text of a file that cannot be read as text (no text read from a file holds a NUL alone). */
    private static final String UNREADABLE = "\0";
    /** The open file ends its lines with CR LF: a Save writes them so again. */
    private boolean crlf;

    /**
     * @param apply  makes a saved file the configuration in force (the window's Reload)
     * @param source what a reload reads files with: the text is checked as it would read it
     */
    public ConfigEditorViewModel(Notices notices, Function<Path, CompletableFuture<SwapdeckConfig>> apply,
                                 ConfigSource source) {
        this.notices = notices;
        this.apply = apply;
        this.source = source;
    }

    /**
     * Follows the configuration in force: opens its file when it changes, and the text another
     * program wrote to the file open here; neither while edits are unsaved.
     */
    public void follow(Optional<Path> source) {
        if (dirty.get()) {
            followed = source;
        } else if (!source.equals(followed)) {
            followed = source;
            source.ifPresent(this::openSource);
        } else {
            followed.ifPresent(this::listFiles);
            file.get().filter(this::writtenElsewhere).ifPresent(this::open);
        }
    }

    /** Lists the files the source is read from, in the order they are merged, and opens the first. */
    private void openSource(Path source) {
        listFiles(source);
        if (!folderFiles.isEmpty()) {
            open(folderFiles.get(0));
        } else if (!Files.isDirectory(source)) {
            open(source);
        }
    }

    /**
     * Lists the files the source is read from again (a file added to its folder or removed since shows
     * or goes); none when it is one file alone.
     */
    private void listFiles(Path source) {
        try {
            List<Path> files = this.source.filesRead(source);
            List<Path> listed = files.size() > 1 || Files.isDirectory(source) ? files : List.of();
            if (!listed.equals(folderFiles)) {
                folderFiles.setAll(listed);
            }
        } catch (IOException e) {
            folderFiles.clear();
        }
    }

    /**
     * Loads {@code path} into the editor unless that would drop unsaved edits to another file (then the
     * status bar says so and nothing changes); the file already open with its edits stays as it is.
     */
    public boolean openKeepingEdits(Path path) {
        Optional<Path> open = file.get();
        if (dirty.get() && open.isPresent()) {
            if (open.get().equals(path)) {
                return true;
            }
            notices.post("The editor has unsaved changes to " + open.get().getFileName() + ": save or revert them, then"
                    + " open " + path.getFileName() + " again");
            return false;
        }
        open(path);
        return true;
    }

    /** Loads {@code path} into the editor, dropping unsaved edits. */
    public void open(Path path) {
        try {
            // the stamp first: a write between the two is seen as a change next time, never missed
            Optional<DiskStamp> stamp = DiskStamp.of(path);
            String written = ConfigText.read(path);
            String text = asEdited(written);
            loadedStamp = stamp;
            crlf = written.contains("\r\n");
            overwriteAsked = Optional.empty();
            file.set(Optional.of(path));
            loadedText.set(text);
            revision.set(revision.get() + 1);
            dirty.set(false);
            validate(text);
        } catch (IOException e) {
            notices.post("Could not open " + path.getFileName() + ": " + FileProblems.why(path, e) + " (" + path + ")");
        }
    }

    /** Re-reads the file, dropping unsaved edits. */
    public void revert() {
        file.get().ifPresent(this::open);
    }

    /**
     * The person is typing: whether the text is unsaved is known at once (the file's own changes are
     * not loaded over it from then on), while validating waits for {@link #edited}.
     */
    public void typed(String text) {
        dirty.set(!text.equals(loadedText.get()));
    }

    /** The person changed the text: marks it unsaved and validates it. */
    public void edited(String text) {
        dirty.set(!text.equals(loadedText.get()));
        validate(text);
    }

    /**
     * Validates {@code text} as a reload of it would, replacing {@link #markers()}: merged with the
     * other files of the folder in force or given with {@code --config-dir}, under the rules the reload
     * adds (keys beyond loopback); a problem in another file is listed, not placed.
     */
    public List<ConfigMarker> validate(String text) {
        List<ConfigMarker> found = new ArrayList<>();
        String name = file.get().map(Path::toString).orElse("config.yaml");
        Optional<Path> inForce = sourceInForce();
        try {
            SwapdeckConfig config = file.get().isPresent()
                    ? source.loadEditing(inForce.orElse(file.get().get()), file.get().get(), text)
                    : ConfigLoader.parse(text, name, Optional.empty());
            config.warnings().forEach(w -> found.add(new ConfigMarker(w, false, w.file().equals(name))));
        } catch (ConfigException e) {
            e.problems().forEach(p -> found.add(new ConfigMarker(p, true, p.file().equals(name))));
            e.warnings().forEach(w -> found.add(new ConfigMarker(w, false, w.file().equals(name))));
        } catch (IOException e) {
            // another file of the folder cannot be read: the reload will say so; this file's text is all there is to mark
            found.add(new ConfigMarker(new ConfigProblem(inForce.orElse(Path.of(name)).toString(), 0, 0, "", e.getMessage()),
                    true, false));
        }
        markers.setAll(found);
        return found;
    }

    /** The configuration in force (a folder, or a file merged with one), when the file open here is one of its files. */
    private Optional<Path> sourceInForce() {
        return followed.filter(source -> file.get().filter(folderFiles::contains).isPresent());
    }

    /** Writes the text atomically, keeping the previous file as {@code .bak}; false if it failed. */
    public boolean save(String text) {
        Optional<Path> target = file.get();
        if (target.isEmpty()) {
            return false;
        }
        // the text, not the stamp: a write within the clock's granularity, of the same size, or with
        // its time kept (cp -p, touch -r) leaves the stamp as it was
        Optional<String> onDisk = textElsewhere(target.get());
        if (onDisk.isPresent() && !onDisk.equals(overwriteAsked)) {
            askToOverwrite(target.get(), onDisk.get());
            return false;
        }
        String expected = onDisk.orElse(loadedText.get());
        // an unreadable file the person agreed to overwrite: whatever it holds now, as long as it is still unreadable
        try {
            boolean backedUp = ConfigFileWriter.save(target.get(), crlf ? text.replace("\n", "\r\n") : text,
                    previous -> textOf(previous).equals(expected));
            // not the stamp of the file now: a write just after this Save would be taken for it
            loadedStamp = Optional.empty();
            overwriteAsked = Optional.empty();
            loadedText.set(text);
            dirty.set(false);
            notices.postBriefly("Saved " + target.get() + (backedUp ? " (previous version in "
                    + ConfigFileWriter.backupOf(target.get()).getFileName() + ")" : ", which was not on disk"));
            return true;
        } catch (ConfigFileWriter.ChangedMeanwhile e) {
            // written while this Save was writing: the file is as the other program left it
            askToOverwrite(target.get(), textElsewhere(target.get()).orElse(loadedText.get()));
            return false;
        } catch (IOException e) {
            notices.post("Could not save " + target.get().getFileName() + ": " + FileProblems.why(target.get(), e)
                    + " (" + target.get() + ")");
            return false;
        }
    }

    private void askToOverwrite(Path target, String theirs) {
        overwriteAsked = Optional.of(theirs);
        // short enough for the status bar at the default size; a second Save names the backup
        notices.post(target.getFileName() + " changed on disk: Save again to overwrite it, or Revert to load it");
    }

    /** Saves, then makes the file the configuration in force; a file with errors is not applied. */
    public CompletableFuture<SwapdeckConfig> saveAndReload(String text) {
        if (!save(text)) {
            return CompletableFuture.failedFuture(new IllegalStateException("not saved"));
        }
        if (markers.stream().anyMatch(ConfigMarker::error)) {
            notices.post("Saved, not applied: fix the errors marked in the editor first");
            return CompletableFuture.failedFuture(new IllegalStateException("the file has errors"));
        }
        Path saved = file.get().orElseThrow();
        Path applied = sourceInForce().orElse(saved);
        followed = Optional.of(applied);
        return apply.apply(applied);
    }

    /**
     * Whether {@code path} now holds other text than was opened or saved here. A changed stamp with
     * the same text (touched, or written back as it was, whatever its line endings) is taken as the new
     * stamp. A file that is gone counts as unchanged (a Save writes it again); one that can no longer be
     * read as text was written by someone else, and a Save asks first.
     */
    private boolean writtenElsewhere(Path path) {
        Optional<DiskStamp> now = DiskStamp.of(path);
        if (now.isEmpty() || now.equals(loadedStamp) && !now.get().recent()) {
            return false;
        }
        try {
            String written = ConfigText.read(path);
            if (asEdited(written).equals(loadedText.get())) {
                loadedStamp = now;
                crlf = written.contains("\r\n");
                return false;
            }
            return true;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * The text another program left in {@code path} (as the editor holds text) when it is not the text
     * opened or saved here, read whatever the stamp says; empty when it is that text or the file is gone.
     * One that cannot be read as text was written by someone else: the empty text stands for it.
     */
    private Optional<String> textElsewhere(Path path) {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            String written = ConfigText.read(path);
            String text = asEdited(written);
            if (text.equals(loadedText.get())) {
                crlf = written.contains("\r\n");
                return Optional.empty();
            }
            return Optional.of(text);
        } catch (IOException e) {
            return Optional.of(UNREADABLE);
        }
    }

    /** The text of {@code path} as the editor holds it, or {@link #UNREADABLE}. */
    private static String textOf(Path path) {
        try {
            return asEdited(ConfigText.read(path));
        } catch (IOException e) {
            return UNREADABLE;
        }
    }

    /** The text as the editor holds it: its area keeps lines apart with {@code \n} alone, whatever the file used. */
    private static String asEdited(String written) {
        return written.indexOf('\r') < 0 ? written : written.replace("\r\n", "\n").replace('\r', '\n');
    }

    public ReadOnlyObjectProperty<Optional<Path>> fileProperty() {
        return file.getReadOnlyProperty();
    }

    /** Counts opens: the editor replaces its contents with {@link #loadedTextProperty} when it changes. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** The file's text as last opened or saved. */
    public ReadOnlyStringProperty loadedTextProperty() {
        return loadedText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** The files the configuration in force is merged from, for the person to pick one; empty for one file alone. */
    public ObservableList<Path> folderFiles() {
        return folderFiles;
    }

    public ObservableList<ConfigMarker> markers() {
        return readOnlyMarkers;
    }
}
