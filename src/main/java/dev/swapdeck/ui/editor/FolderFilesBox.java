package dev.swapdeck.ui.editor;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;

/**
 * The editor's choice among the files the configuration in force is merged from ({@code --config-dir},
 * with or without a {@code --config} file): shown only then, named by file name, following the file
 * open, and held while edits are unsaved (opening another file would drop them). FX thread.
 */
final class FolderFilesBox {
    private FolderFilesBox() {
    }

    static void install(ComboBox<Path> box, ConfigEditorViewModel viewModel, Consumer<Path> open) {
        box.setItems(viewModel.folderFiles());
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(Path file) {
                return file == null ? "" : file.getFileName().toString();
            }

            @Override
            public Path fromString(String name) {
                return null;
            }
        });
        BooleanBinding inFolder = Bindings.isNotEmpty(viewModel.folderFiles());
        box.visibleProperty().bind(inFolder);
        box.managedProperty().bind(inFolder);
        box.disableProperty().bind(viewModel.dirtyProperty());
        box.setTooltip(new Tooltip("The configuration's files, merged in this order; save or revert your edits to open another"));
        viewModel.fileProperty().addListener((obs, was, now) -> box.setValue(now.orElse(null)));
        box.setValue(viewModel.fileProperty().get().orElse(null));
        box.setOnAction(e -> {
            Path chosen = box.getValue();
            if (chosen != null && !Optional.of(chosen).equals(viewModel.fileProperty().get())) {
                open.accept(chosen);
            }
        });
    }
}
