package dev.swapdeck.ui.models;

import dev.swapdeck.ui.StyleClasses;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.TableCell;
import javafx.scene.layout.HBox;

/**
 * Load and Unload for one row, enabled by the row's rules. Buttons get ids {@code load-<model>} and
 * {@code unload-<model>} so tests and accessibility tools can find them.
 */
final class ModelActionsCell extends TableCell<ModelRow, ModelRow> {
    private final Button load = new Button("Load");
    private final Button unload = new Button("Unload");
    private final HBox box = new HBox(4, load, unload);

    ModelActionsCell(Consumer<ModelRow> onLoad, Consumer<ModelRow> onUnload) {
        load.getStyleClass().add(StyleClasses.PRIMARY);
        load.setOnAction(e -> onLoad.accept(getItem()));
        unload.setOnAction(e -> onUnload.accept(getItem()));
    }

    @Override
    protected void updateItem(ModelRow row, boolean empty) {
        super.updateItem(row, empty);
        if (empty || row == null) {
            load.disableProperty().unbind();
            unload.disableProperty().unbind();
            setGraphic(null);
            return;
        }
        load.setId("load-" + row.id());
        unload.setId("unload-" + row.id());
        load.disableProperty().bind(row.canLoadProperty().not());
        unload.disableProperty().bind(row.canUnloadProperty().not());
        setGraphic(box);
    }
}
