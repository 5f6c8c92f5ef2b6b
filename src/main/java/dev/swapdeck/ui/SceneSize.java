package dev.swapdeck.ui;

import java.time.Duration;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Shows a new window at the size its scene asks for. JavaFX 21 on Linux shows a new stage at 200×200
 * under some window managers (openbox, recent GNOME), ignoring its scene's size (JDK-8316423, fixed
 * in JavaFX 22 only). Once shown the stage is given the size itself, and once the window manager has
 * framed it, the frame is added so that the scene, not the frame, has the size asked for.
 */
final class SceneSize {
    /** A window manager frames a new window within milliseconds; a later change of size is a person's. */
    static final Duration FRAMED_WITHIN = Duration.ofSeconds(2);

    private SceneSize() {
    }

    /** Shows {@code stage} with its scene {@code width} × {@code height}, unless it is maximized. */
    static void show(Stage stage, double width, double height) {
        stage.show();
        if (stage.isMaximized() || stage.isFullScreen()) {
            return;
        }
        Scene scene = stage.getScene();
        long shownAt = System.nanoTime();
        scene.heightProperty().addListener(new InvalidationListener() {
            @Override
            public void invalidated(Observable framed) {
                scene.heightProperty().removeListener(this);
                if (System.nanoTime() - shownAt > FRAMED_WITHIN.toNanos()) {
                    return; // no frame came (a window manager that sized it right): a person resized it
                }
                // after the pulse that laid the frame out: its width and height are both known then
                Platform.runLater(() -> {
                    // without a frame (no window manager) the stage is the scene: the change was a person's
                    boolean hasFrame = stage.getHeight() > scene.getHeight() || stage.getWidth() > scene.getWidth();
                    if (hasFrame && !stage.isMaximized() && !stage.isFullScreen()) {
                        stage.setWidth(width + stage.getWidth() - scene.getWidth());
                        stage.setHeight(height + stage.getHeight() - scene.getHeight());
                    }
                });
            }
        });
        stage.setWidth(width);
        stage.setHeight(height);
    }
}
