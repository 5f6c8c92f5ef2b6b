package dev.swapdeck.ui;

import java.time.Duration;
import javafx.animation.PauseTransition;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Shows a new window at the size its scene asks for. JavaFX 21 on Linux shows a new stage at 200×200
 * under some window managers (openbox, recent GNOME), ignoring its scene's size (JDK-8316423, fixed
 * in JavaFX 22 only), and on a busy machine the window manager's 200×200 can come after the size the
 * stage was given (3 of 18 launches of the could-not-start window under openbox with both cores
 * busy). So for a while after it is shown, a size other than the one asked is put back, the frame
 * added so that the scene, not the frame, has the size asked for; except a change of a window
 * without a frame to a size of its own (not the toolkit's 200×200): that is a person's or a
 * program's, and stays.
 */
final class SceneSize {
    /** A window manager frames and sizes a new window within this; a later change of size is a person's. */
    static final Duration FRAMED_WITHIN = Duration.ofSeconds(2);
    /** What JavaFX 21 shows a new stage at, whatever its scene asks. */
    private static final double TOOLKIT_DEFAULT = 200;
    /** A window manager that insists on a size of its own is left with it after this many tries. */
    private static final int MAX_CORRECTIONS = 3;
    /** How long the sizes stay still before they are looked at. */
    private static final javafx.util.Duration SETTLE = javafx.util.Duration.millis(60);

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
        // looked at once the sizes have settled: the frame's width and height and the scene's change one
        // after another, and a correction worked out between two of them came out a few pixels short
        PauseTransition settled = new PauseTransition(SETTLE);
        int[] corrections = {0};
        InvalidationListener keepSize = new InvalidationListener() {
            @Override
            public void invalidated(Observable resized) {
                if (System.nanoTime() - shownAt > FRAMED_WITHIN.toNanos() || corrections[0] >= MAX_CORRECTIONS) {
                    stopFollowing(scene, this);
                } else {
                    settled.playFromStart();
                }
            }
        };
        settled.setOnFinished(done -> {
            boolean asked = scene.getWidth() == width && scene.getHeight() == height;
            if (asked || stage.isMaximized() || stage.isFullScreen() || !stage.isShowing()) {
                return;
            }
            boolean hasFrame = stage.getHeight() > scene.getHeight() || stage.getWidth() > scene.getWidth();
            boolean toolkitDefault = scene.getWidth() == TOOLKIT_DEFAULT && scene.getHeight() == TOOLKIT_DEFAULT;
            if (!hasFrame && !toolkitDefault) {
                stopFollowing(scene, keepSize); // without a frame the stage is the scene: a person resized it
                return;
            }
            corrections[0]++;
            stage.setWidth(width + stage.getWidth() - scene.getWidth());
            stage.setHeight(height + stage.getHeight() - scene.getHeight());
        });
        scene.widthProperty().addListener(keepSize);
        scene.heightProperty().addListener(keepSize);
        stage.setWidth(width);
        stage.setHeight(height);
    }

    private static void stopFollowing(Scene scene, InvalidationListener listener) {
        scene.widthProperty().removeListener(listener);
        scene.heightProperty().removeListener(listener);
    }
}
