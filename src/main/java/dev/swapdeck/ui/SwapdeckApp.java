package dev.swapdeck.ui;

import dev.swapdeck.engine.Engine;
import java.time.ZoneId;
import java.util.List;
import javafx.application.Application;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The Swapdeck window over an engine that already runs. Constructed with its dependencies (not by
 * {@code Application.launch}, which needs a no-argument constructor and a static hand-off): start it
 * with {@link SwapdeckWindow#launch} or, in tests, TestFX's {@code FxToolkit.setupApplication}.
 * Closing the window is Shutdown: the engine stops every process, then {@code exit} runs.
 */
public final class SwapdeckApp extends Application {
    private static final double DEFAULT_WIDTH = 1200;
    private static final double DEFAULT_HEIGHT = 780;
    /** The smallest the window may be made: every view shows all its controls whole down to here. */
    static final double MIN_WIDTH = 1024;
    static final double MIN_HEIGHT = 700;

    private final Engine engine;
    private final UiOptions options;
    private final Runnable exit;
    private UiComposition ui;
    private WindowState state;
    private Stage stage;
    private WindowFit fit;

    /**
     * @param exit what quitting means after the engine has shut down and the window has closed
     *             ({@code Platform.exit} for the app); runs on the FX thread
     */
    public SwapdeckApp(Engine engine, UiOptions options, Runnable exit) {
        this.engine = engine;
        this.options = options;
        this.exit = exit;
    }

    @Override
    public void start(Stage primaryStage) {
        build(primaryStage);
        show();
    }

    /**
     * Builds the whole window on {@code primaryStage} without showing it, so that the building (most
     * of the launch: classes, FXML, CSS) can overlap the HTTP server's start; {@link #show} follows.
     */
    void build(Stage primaryStage) {
        stage = primaryStage;
        state = WindowState.load(options.stateFile());
        ui = new UiComposition(engine, options, state, this::closeWindow);
        Parent root = ui.loadMainWindow();
        fit = fitToScreen();
        Scene scene = new Scene(root, fit.width(), fit.height());
        ui.mainController().attach(scene);
        stage.setScene(scene);
        stage.setTitle("Swapdeck");
        stage.setMinWidth(fit.minWidth());
        stage.setMinHeight(fit.minHeight());
        AppIcon.applyTo(stage);
        stage.setX(fit.x());
        stage.setY(fit.y());
        stage.setMaximized(state.get(WindowState.MAXIMIZED).map(Boolean::parseBoolean).orElse(false));
        stage.setOnCloseRequest(event -> {
            event.consume();
            ui.mainController().quit();
        });
    }

    /** Starts feeding the window and shows it. */
    void show() {
        ui.start();
        SceneSize.show(stage, fit.width(), fit.height());
        ui.mainController().focusModels();
        FirstRowsRehearsal.start(stage.getScene(), ZoneId.systemDefault());
    }

    /** Stops feeding the window; idempotent. The toolkit calls it when the app is torn down (TestFX does). */
    @Override
    public void stop() {
        if (ui != null) {
            ui.close();
        }
    }

    /** The Shutdown action's last step: remember the layout, stop the bridge, close, exit. */
    private void closeWindow() {
        if (!stage.isMaximized() && !stage.isIconified()) {
            state.put(WindowState.X, stage.getX());
            state.put(WindowState.Y, stage.getY());
            // the scene's size, which is what a launch asks for (the stage's includes the frame)
            state.put(WindowState.WIDTH, stage.getScene().getWidth());
            state.put(WindowState.HEIGHT, stage.getScene().getHeight());
            double frame = stage.getHeight() - stage.getScene().getHeight();
            if (frame > 0 && frame < WindowState.MOST_FRAME) {
                state.put(WindowState.FRAME, frame);
            }
        }
        state.put(WindowState.MAXIMIZED, Boolean.toString(stage.isMaximized()));
        ui.mainController().saveLayout();
        state.save();
        stop();
        stage.hide();
        exit.run();
    }

    /**
     * The last session's size and place, else the default size centred, fitted to the screen the
     * window was on (if that place is still on a screen) or else the primary one.
     */
    private WindowFit fitToScreen() {
        double x = state.number(WindowState.X).orElse(Double.NaN);
        double y = state.number(WindowState.Y).orElse(Double.NaN);
        Point2D saved = null;
        Screen screen = Screen.getPrimary();
        if (!Double.isNaN(x) && !Double.isNaN(y)) {
            List<Screen> under = Screen.getScreensForRectangle(new Rectangle2D(x, y, 100, 40));
            if (!under.isEmpty()) {
                saved = new Point2D(x, y);
                screen = under.get(0);
            }
        }
        return WindowFit.of(screen.getVisualBounds(), state.number(WindowState.WIDTH).orElse(DEFAULT_WIDTH),
                state.number(WindowState.HEIGHT).orElse(DEFAULT_HEIGHT), MIN_WIDTH, MIN_HEIGHT,
                state.number(WindowState.FRAME).filter(f -> f > 0 && f < WindowState.MOST_FRAME).orElse(WindowFit.FRAME),
                saved);
    }
}
