package dev.swapdeck.ui.models;

import dev.swapdeck.process.ProcessState;
import dev.swapdeck.ui.StyleClasses;
import java.util.List;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/** A coloured state badge; while starting, a bar and the seconds elapsed against the health timeout. */
final class StateBadgeView extends HBox {
    private final Label badge = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Label detail = new Label();
    private final ChangeListener<StateBadge> listener = (obs, was, now) -> show(now);
    private ObservableValue<StateBadge> source;

    StateBadgeView() {
        super(6);
        getChildren().setAll(progress, detail, badge);
        badge.getStyleClass().add(StyleClasses.BADGE);
        progress.getStyleClass().add(StyleClasses.START_PROGRESS);
        progress.setPrefWidth(48);
        progress.setMinWidth(24);
        badge.setMinWidth(Region.USE_PREF_SIZE);
        detail.setMinWidth(Region.USE_PREF_SIZE);
        detail.getStyleClass().add(StyleClasses.MUTED);
        setAlignment(Pos.CENTER_RIGHT);
    }

    void bind(ObservableValue<StateBadge> badgeValue) {
        unbind();
        source = badgeValue;
        source.addListener(listener);
        show(source.getValue());
    }

    void unbind() {
        if (source != null) {
            source.removeListener(listener);
            source = null;
        }
    }

    private void show(StateBadge item) {
        badge.getStyleClass().removeIf(c -> c.startsWith("state-"));
        badge.getStyleClass().add(item.styleClass());
        badge.setText(item.text());
        boolean starting = item.state() == ProcessState.STARTING;
        for (Node node : List.of(progress, detail)) {
            node.setVisible(starting);
            node.setManaged(starting);
        }
        progress.setProgress(item.progress());
        detail.setText(item.detail());
    }
}
