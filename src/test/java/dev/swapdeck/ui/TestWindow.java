package dev.swapdeck.ui;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;

/**
 * The real window, built as the app builds it, over an engine fixture and under TestFX's toolkit
 * (Monocle, headless, in the build). Open it in a test's set-up; {@link #close} takes the window
 * down, then the engine.
 */
public final class TestWindow implements AutoCloseable {
    private final EngineFixture fixture;
    private final SwapdeckApp app;
    private final Stage stage;

    private TestWindow(EngineFixture fixture, SwapdeckApp app, Stage stage) {
        this.fixture = fixture;
        this.app = app;
        this.stage = stage;
    }

    /** The window on {@code config}, with {@code dir} for the default config path and the window's state; quitting does nothing. */
    public static TestWindow open(EngineFixture fixture, Path config, Path dir) throws TimeoutException {
        return open(fixture, config, dir, () -> { });
    }

    /** As {@link #open(EngineFixture, Path, Path)}, with {@code exit} run when the window quits. */
    public static TestWindow open(EngineFixture fixture, Path config, Path dir, Runnable exit) throws TimeoutException {
        UiOptions options = new UiOptions(Optional.of(config), fixture.proxyBase(), false,
                dir.resolve("default/config.yaml"), dir.resolve("window.properties"));
        Stage stage = FxToolkit.registerPrimaryStage();
        SwapdeckApp app = (SwapdeckApp) FxToolkit.setupApplication(() -> new SwapdeckApp(fixture.engine, options, exit));
        return new TestWindow(fixture, app, stage);
    }

    /** As {@link #open(EngineFixture, Path, Path)}, at the window's default size, 1200×780. */
    public static TestWindow openAtDefaultSize(EngineFixture fixture, Path config, Path dir) throws TimeoutException {
        TestWindow window = open(fixture, config, dir);
        FxWait.fx(() -> {
            window.stage().setWidth(1200);
            window.stage().setHeight(780);
            return null;
        });
        return window;
    }

    public Stage stage() {
        return stage;
    }

    @Override
    public void close() throws TimeoutException {
        try {
            FxToolkit.cleanupApplication(app);
            FxToolkit.hideStage();
        } finally {
            fixture.close();
        }
    }
}
