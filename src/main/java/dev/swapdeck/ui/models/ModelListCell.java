package dev.swapdeck.ui.models;

import dev.swapdeck.ui.NodeKey;
import dev.swapdeck.ui.ReadingOrder;
import dev.swapdeck.ui.StyleClasses;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One model in the list: its name over its id and port and its process's facts, and on the right
 * its state badge (with start progress) and, once measured, its speed. Text wraps rather than truncates: the cell never
 * asks for more width than the list has, and grows in height instead.
 */
final class ModelListCell extends ListCell<ModelRow> {
    /** How much of a failed model's last error its row shows. */
    private static final int ERROR_CHARS = 120;
    private final Label name = new Label();
    private final Label meta = new Label();
    private final Label facts = new Label();
    private final Label speed = new Label();
    private final StateBadgeView badge = new StateBadgeView();
    private final VBox right = new VBox(2, badge, speed);
    private final VBox left = new VBox(1, name, meta, facts);
    private final HBox box = new HBox(8, left, right);

    ModelListCell() {
        getStyleClass().add(StyleClasses.MODEL_CELL);
        name.getStyleClass().add(StyleClasses.MODEL_NAME);
        meta.getStyleClass().add(StyleClasses.MUTED);
        facts.getStyleClass().addAll(StyleClasses.MUTED, StyleClasses.MODEL_FACTS);
        speed.getStyleClass().add(StyleClasses.MUTED);
        name.setWrapText(true);
        meta.setWrapText(true);
        facts.setWrapText(true);
        facts.managedProperty().bind(facts.textProperty().isNotEmpty());
        facts.visibleProperty().bind(facts.managedProperty());
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
        heightProperty().addListener((obs, was, now) -> {
            // the flow also sizes an unseen cell, in a hidden parent, to measure rows: not that one
            if (now.doubleValue() > was.doubleValue() && isSelected() && getParent() != null && getParent().isVisible()) {
                keepInView(getListView(), getIndex());
            }
        });
    }

    /**
     * Scrolls the list as little as needed to show the selected row whole once it has grown (a pid,
     * an error): a list that had nothing to scroll keeps its top, and the last row's new line would
     * sit below the edge. After this layout pass, where the flow knows the row's new height.
     */
    private static void keepInView(ListView<ModelRow> list, int index) {
        if (list == null || index < 0) {
            return;
        }
        Platform.runLater(() -> {
            if (index < list.getItems().size() && list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
                flow.scrollTo(index);
            }
        });
    }

    @Override
    protected void updateItem(ModelRow row, boolean empty) {
        super.updateItem(row, empty);
        name.textProperty().unbind();
        meta.textProperty().unbind();
        facts.textProperty().unbind();
        speed.textProperty().unbind();
        badge.unbind();
        if (empty || row == null) {
            setGraphic(null);
            NodeKey.set(this, null);
            return;
        }
        NodeKey.set(this, "model-" + row.id());
        name.textProperty().bind(row.displayNameProperty());
        meta.textProperty().bind(Bindings.createStringBinding(() -> meta(row), row.displayNameProperty(),
                row.portProperty(), row.aliasesProperty()));
        facts.textProperty().bind(Bindings.createStringBinding(() -> facts(row), row.pidProperty(),
                row.uptimeProperty(), row.inFlightProperty(), row.ttlProperty(), row.lastErrorProperty()));
        speed.textProperty().bind(row.speedProperty());
        badge.bind(row.badgeProperty());
        setGraphic(box);
    }

    /**
     * What SPEC §7 lists for each model, on its row: {@code pid 4242 · up 3m 05s · 2 in flight · TTL 45s
     * left} while it runs, its last error's start when it failed (the detail pane has all of it).
     */
    static String facts(ModelRow row) {
        List<String> parts = new ArrayList<>();
        if (!row.pidProperty().get().isEmpty()) {
            parts.add("pid " + row.pidProperty().get());
        }
        if (!row.uptimeProperty().get().isEmpty()) {
            parts.add("up " + row.uptimeProperty().get());
        }
        if (row.inFlightProperty().get() > 0) {
            parts.add(row.inFlightProperty().get() + " in flight");
        }
        if (!row.ttlProperty().get().isEmpty()) {
            parts.add("TTL " + row.ttlProperty().get());
        }
        String error = row.lastErrorProperty().get();
        if (parts.isEmpty() && !error.isEmpty()) {
            return error.length() <= ERROR_CHARS ? error : error.substring(0, ERROR_CHARS - 1) + "…";
        }
        return String.join(" · ", parts);
    }

    /** {@code id · :port · aka a, b}; the id only when the name differs from it. */
    static String meta(ModelRow row) {
        StringBuilder text = new StringBuilder(ReadingOrder.embedded(row.id()));
        if (!row.portProperty().get().isEmpty()) {
            text.append(" · :").append(row.portProperty().get());
        }
        if (!row.aliasesProperty().get().isEmpty()) {
            text.append(" · aka ").append(row.aliasesProperty().get());
        }
        return text.toString();
    }
}
