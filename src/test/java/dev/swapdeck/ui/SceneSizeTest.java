package dev.swapdeck.ui;

import static dev.swapdeck.ui.FxWait.fx;
import static dev.swapdeck.ui.FxWait.until;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** A window shown at a size other than its scene's (as some window managers do) gets its scene's size. */
class SceneSizeTest {
    private final AtomicReference<Stage> stage = new AtomicReference<>();

    @AfterEach
    void tearDown() {
        fx(() -> {
            stage.get().close();
            return null;
        });
    }

    @Test
    void aStageThatCameOutSmallGetsTheSizeAsked() throws Exception {
        FxToolkit.registerPrimaryStage();
        fx(() -> {
            Stage shown = new Stage();
            shown.setScene(new Scene(new StackPane(), 640, 320));
            // what JavaFX 21 does under openbox: the stage at 200x200 whatever its scene asks
            shown.setWidth(200);
            shown.setHeight(200);
            stage.set(shown);
            SceneSize.show(shown, 640, 320);
            return null;
        });
        until("the scene at the size asked", () -> fx(() -> stage.get().getScene().getWidth() == 640
                && stage.get().getScene().getHeight() == 320));
        assertEquals(640.0, fx(() -> stage.get().getScene().getWidth()));
    }

    /**
     * On a busy machine the window manager's 200x200 came after the size was given: 3 of 18 launches of
     * the could-not-start window under openbox stayed at 200x200, its text and buttons cut off.
     */
    @Test
    void aLate200By200FromTheWindowManagerIsPutBackToo() throws Exception {
        shownThenResized(200, 200);
        Thread.sleep(500); // the scene takes the stage's new size a pulse or two later
        until("put back to the size asked", () -> fx(() -> stage.get().getScene().getWidth() == 640
                && stage.get().getScene().getHeight() == 320));
    }

    /** Without a window manager's frame the stage is its scene: the first resize is a person's, and it stays. */
    @Test
    void aPersonsFirstResizeOfAnUnframedWindowStays() throws Exception {
        shownThenResized(500, 250);
        Thread.sleep(300);
        assertEquals(250.0, fx(() -> stage.get().getScene().getHeight()), "not put back to 320");
        assertEquals(500.0, fx(() -> stage.get().getScene().getWidth()));
    }

    /** Shows a 640x320 scene with {@link SceneSize}, then, once it has that size, gives the stage another. */
    private void shownThenResized(double width, double height) throws Exception {
        FxToolkit.registerPrimaryStage();
        fx(() -> {
            Stage shown = new Stage();
            shown.setScene(new Scene(new StackPane(), 640, 320));
            stage.set(shown);
            SceneSize.show(shown, 640, 320);
            return null;
        });
        until("shown at the size asked", () -> fx(() -> stage.get().getScene().getHeight() == 320));
        fx(() -> {
            stage.get().setWidth(width);
            stage.get().setHeight(height);
            return null;
        });
    }
}
