package dev.swapdeck.ui.models;

import dev.swapdeck.ui.StyleClasses;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One model in the list: its name over its id and port, and on the right its state badge (with
 * start progress) and, once measured, its speed. Text wraps rather than truncates: the cell never
 * asks for more width than the list has, and grows in height instead.
 */
final class ModelListCell extends ListCell<ModelRow> {
    private final Label name = new Label();
    private final Label meta = new Label();
    private final Label speed = new Label();
    private final StateBadgeView badge = new StateBadgeView();
    private final VBox right = new VBox(2, badge, speed);
    private final VBox left = new VBox(1, name, meta);
    private final HBox box = new HBox(8, left, right);

    ModelListCell() {
        getStyleClass().add(StyleClasses.MODEL_CELL);
        name.getStyleClass().add(StyleClasses.MODEL_NAME);
        meta.getStyleClass().add(StyleClasses.MUTED);
        speed.getStyleClass().add(StyleClasses.MUTED);
        name.setWrapText(true);
        meta.setWrapText(true);
        left.setMinWidth(0);
        HBox.setHgrow(left, Priority.ALWAYS);
        right.setAlignment(Pos.CENTER_RIGHT);
        right.setMinWidth(Region.USE_PREF_SIZE);
        speed.setMinWidth(Region.USE_PREF_SIZE);
        speed.managedProperty().bind(speed.textProperty().isNotEmpty());
        speed.visibleProperty().bind(speed.managedProperty());
        box.setAlignment(Pos.CENTER_LEFT);
        // without this a ListCell asks for its content's unwrapped width and the list scrolls sideways
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(ModelRow row, boolean empty) {
        super.updateItem(row, empty);
        name.textProperty().unbind();
        meta.textProperty().unbind();
        speed.textProperty().unbind();
        badge.unbind();
        if (empty || row == null) {
            setGraphic(null);
            setId(null);
            return;
        }
        setId("model-" + row.id());
        name.textProperty().bind(row.displayNameProperty());
        meta.textProperty().bind(Bindings.createStringBinding(() -> meta(row), row.displayNameProperty(),
                row.portProperty(), row.aliasesProperty()));
        speed.textProperty().bind(row.speedProperty());
        badge.bind(row.badgeProperty());
        setGraphic(box);
    }

    /** {@code id · :port · aka a, b}; the id only when the name differs from it. */
    private static String meta(ModelRow row) {
        StringBuilder text = new StringBuilder(row.id());
        if (!row.portProperty().get().isEmpty()) {
            text.append(" · :").append(row.portProperty().get());
        }
        if (!row.aliasesProperty().get().isEmpty()) {
            text.append(" · aka ").append(row.aliasesProperty().get());
        }
        return text.toString();
    }
}
