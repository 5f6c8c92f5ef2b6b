package dev.swapdeck.ui.editor;

import dev.swapdeck.config.ConfigException;
import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.config.SwapdeckConfig;
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
 * or has unsaved edits. FX thread.
 */
public final class ConfigEditorViewModel {
    private final Notices notices;
    private final Function<Path, CompletableFuture<SwapdeckConfig>> apply;
    private final ReadOnlyObjectWrapper<Optional<Path>> file = new ReadOnlyObjectWrapper<>(this, "file", Optional.empty());
    private final ReadOnlyStringWrapper loadedText = new ReadOnlyStringWrapper(this, "loadedText", "");
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(this, "revision");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ObservableList<ConfigMarker> markers = FXCollections.observableArrayList();
    /** One wrapper for every reader: a listener added to a throwaway wrapper is lost when it is collected. */
    private final ObservableList<ConfigMarker> readOnlyMarkers = FXCollections.unmodifiableObservableList(markers);
    private Optional<Path> followed = Optional.empty();

    /**
     * @param apply makes a saved file the configuration in force (the window's Reload)
     */
    public ConfigEditorViewModel(Notices notices, Function<Path, CompletableFuture<SwapdeckConfig>> apply) {
        this.notices = notices;
        this.apply = apply;
    }

    /** Follows the configuration in force: opens its file when it changes, unless edits are unsaved. */
    public void follow(Optional<Path> source) {
        if (!source.equals(followed)) {
            followed = source;
            if (!dirty.get() && source.isPresent()) {
                open(source.get());
            }
        }
    }

    /** Loads {@code path} into the editor, dropping unsaved edits. */
    public void open(Path path) {
        try {
            String text = Files.readString(path);
            file.set(Optional.of(path));
            loadedText.set(text);
            revision.set(revision.get() + 1);
            dirty.set(false);
            validate(text);
        } catch (IOException e) {
            notices.post("Could not open " + path + ": " + e.getMessage());
        }
    }

    /** Re-reads the file, dropping unsaved edits. */
    public void revert() {
        file.get().ifPresent(this::open);
    }

    /** The person changed the text: marks it unsaved and validates it. */
    public void edited(String text) {
        dirty.set(!text.equals(loadedText.get()));
        validate(text);
    }

    /** Validates {@code text} as the loader would, replacing {@link #markers()}. */
    public List<ConfigMarker> validate(String text) {
        List<ConfigMarker> found = new ArrayList<>();
        String name = file.get().map(Path::toString).orElse("config.yaml");
        try {
            ConfigLoader.parse(text, name, file.get()).warnings().forEach(w -> found.add(new ConfigMarker(w, false)));
        } catch (ConfigException e) {
            e.problems().forEach(p -> found.add(new ConfigMarker(p, true)));
        }
        markers.setAll(found);
        return found;
    }

    /** Writes the text atomically, keeping the previous file as {@code .bak}; false if it failed. */
    public boolean save(String text) {
        Optional<Path> target = file.get();
        if (target.isEmpty()) {
            return false;
        }
        try {
            ConfigFileWriter.save(target.get(), text);
            loadedText.set(text);
            dirty.set(false);
            notices.post("Saved " + target.get() + " (previous version in " + ConfigFileWriter.backupOf(target.get()).getFileName() + ")");
            return true;
        } catch (IOException e) {
            notices.post("Could not save " + target.get() + ": " + e.getMessage());
            return false;
        }
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
        followed = Optional.of(saved);
        return apply.apply(saved);
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

    public ObservableList<ConfigMarker> markers() {
        return readOnlyMarkers;
    }
}
