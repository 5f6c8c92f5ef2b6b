package dev.swapdeck.ui.models;

import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;

/** The last error, shown in full in a tooltip since it is often longer than the column. */
final class ErrorCell extends TableCell<ModelRow, String> {
    ErrorCell() {
        getStyleClass().add("error-cell");
    }

    @Override
    protected void updateItem(String error, boolean empty) {
        super.updateItem(error, empty);
        boolean none = empty || error == null || error.isEmpty();
        setText(none ? null : error);
        setTooltip(none ? null : new Tooltip(error));
    }
}
