package dev.swapdeck.ui.models;

import dev.swapdeck.process.ProcessState;
import dev.swapdeck.ui.StyleClasses;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;

/**
 * A coloured state badge; while starting, under it, a bar and the time left against the learned load
 * time. The bar goes under the badge, not beside it, so that a narrow list leaves the model's name
 * the width of a word at least.
 */
final class StateBadgeView extends VBox {
    private final Label badge = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Label detail = new Label();
    private final HBox starting = new HBox(6, progress, detail);
    private final ChangeListener<StateBadge> listener = (obs, was, now) -> show(now);
    private ObservableValue<StateBadge> source;

    StateBadgeView() {
        super(2);
        getChildren().setAll(badge, starting);
        starting.setAlignment(Pos.CENTER_RIGHT);
        badge.getStyleClass().add(StyleClasses.BADGE);
        progress.getStyleClass().add(StyleClasses.START_PROGRESS);
        progress.setPrefWidth(48);
        progress.setMinWidth(24);
        badge.setMinWidth(Region.USE_PREF_SIZE);
        detail.setMinWidth(Region.USE_PREF_SIZE);
        detail.getStyleClass().add(StyleClasses.MUTED);
        detail.setTextAlignment(TextAlignment.RIGHT);
        setAlignment(Pos.CENTER_RIGHT);
        setFillWidth(false);
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
        boolean isStarting = item.state() == ProcessState.STARTING;
        starting.setVisible(isStarting);
        starting.setManaged(isStarting);
        progress.setProgress(item.progress());
        detail.setText(item.detail());
    }
}
