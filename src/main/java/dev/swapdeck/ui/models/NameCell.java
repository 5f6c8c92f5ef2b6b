package dev.swapdeck.ui.models;

import dev.swapdeck.ui.StyleClasses;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.layout.VBox;

/** The model's display name over its id (when they differ). */
final class NameCell extends TableCell<ModelRow, String> {
    private final Label name = new Label();
    private final Label id = new Label();
    private final VBox box = new VBox(name, id);

    NameCell() {
        id.getStyleClass().add(StyleClasses.MUTED);
        name.getStyleClass().add("model-name");
    }

    @Override
    protected void updateItem(String displayName, boolean empty) {
        super.updateItem(displayName, empty);
        ModelRow row = empty ? null : getTableRow().getItem();
        if (row == null) {
            setGraphic(null);
            return;
        }
        name.setText(displayName);
        id.setText(row.id());
        boolean showId = !row.id().equals(displayName);
        id.setVisible(showId);
        id.setManaged(showId);
        setGraphic(box);
    }
}
