package dev.swapdeck.ui.models;

import dev.swapdeck.process.ProcessState;
import dev.swapdeck.ui.StyleClasses;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.layout.HBox;

/** A coloured state badge; while starting, a progress bar of elapsed time against the health timeout. */
final class StateBadgeCell extends TableCell<ModelRow, StateBadge> {
    private final Label badge = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Label detail = new Label();
    private final HBox box = new HBox(6, badge, progress, detail);

    StateBadgeCell() {
        badge.getStyleClass().add(StyleClasses.BADGE);
        progress.getStyleClass().add(StyleClasses.START_PROGRESS);
        progress.setPrefWidth(40);
        detail.getStyleClass().add(StyleClasses.MUTED);
        box.setAlignment(Pos.CENTER_LEFT);
    }

    @Override
    protected void updateItem(StateBadge item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        badge.getStyleClass().removeIf(c -> c.startsWith("state-"));
        badge.getStyleClass().add(item.styleClass());
        badge.setText(item.text());
        boolean starting = item.state() == ProcessState.STARTING;
        for (Node node : List.of(progress, detail)) {
            node.setVisible(starting);
            node.setManaged(starting);
        }
        progress.setProgress(Math.max(0, item.progress()));
        detail.setText(item.detail());
        setGraphic(box);
    }
}
