package dev.swapdeck.ui;

import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.scene.Parent;
import javafx.scene.Scene;
import org.testfx.api.FxToolkit;

/** Shows one view on its own in TestFX's stage, in a theme, as the window would show it. */
public final class TestStage {
    private TestStage() {
    }

    /** Builds {@code view} on the FX thread and shows it in a {@code width} by {@code height} scene. */
    public static void show(Supplier<Parent> view, double width, double height, Theme theme) throws TimeoutException {
        FxToolkit.setupStage(stage -> {
            Scene scene = new Scene(view.get(), width, height);
            theme.applyTo(scene);
            stage.setScene(scene);
            // the primary stage is shared: a window test may have sized it (a new scene keeps that size),
            // and the window sets a minimum size that would keep a small view from being shown small
            stage.setMinWidth(0);
            stage.setMinHeight(0);
            stage.sizeToScene();
            stage.show();
        });
    }
}
