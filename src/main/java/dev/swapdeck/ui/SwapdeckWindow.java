package dev.swapdeck.ui;

import dev.swapdeck.engine.Engine;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * How {@code Main} opens the window: {@link #launch} waits for the JavaFX toolkit ({@link FxStart},
 * begun early), shows a {@link SwapdeckApp} over the given engine and blocks until the window has
 * closed, which always means the engine has shut down. The app is constructed here with its
 * dependencies and handed to the FX thread; only the toolkit itself is process-wide.
 */
public final class SwapdeckWindow {
    private SwapdeckWindow() {
    }

    /** The window failed to build with the toolkit working: the person was shown why in a window already. */
    public static final class BuildFailed extends IllegalStateException {
        BuildFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** How long {@link #launch} waits for the toolkit to wind down after the window has closed. */
    private static final long TOOLKIT_EXIT_MILLIS = 5_000;

    /**
     * Builds the window at once and shows it when {@code proxyUp} completes (the building overlaps
     * the HTTP server's start), then returns once it has closed (after {@code engine.shutdown()}
     * completed) and the JavaFX thread has ended, so that a {@code System.exit} that follows never
     * races the toolkit's last pulse (which printed NullPointerException and
     * RejectedExecutionException traces from a disposed graphics pipeline). If {@code proxyUp} fails,
     * the window is never shown and this returns with the toolkit still running, for the caller's
     * {@link StartupFailureWindow}. If the window cannot be built, the engine is shut down, a small
     * window says why, and the cause is rethrown once it is closed; if the toolkit cannot start at all
     * (no display), the cause is rethrown at once.
     */
    public static void launch(Engine engine, UiOptions options, CompletionStage<?> proxyUp) {
        launch(engine, options, proxyUp, Stage::new, FxStart::runLater);
    }

    /**
     * As {@link #launch(Engine, UiOptions, CompletionStage)}, on a stage from {@code stages}, with
     * {@code fx} running a task on the FX thread and returning that thread (tests pass their toolkit's).
     */
    static void launch(Engine engine, UiOptions options, CompletionStage<?> proxyUp, Supplier<Stage> stages,
            Function<Runnable, Thread> fx) {
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CompletableFuture<?> proxy = proxyUp.toCompletableFuture();
        Runnable exit = () -> {
            // a window never shown leaves the toolkit running for the caller's failure window
            if (!proxy.isCompletedExceptionally()) {
                Platform.exit();
            }
            closed.countDown();
        };
        Thread fxThread = fx.apply(() -> {
            SwapdeckApp app = new SwapdeckApp(engine, options, exit);
            try {
                app.build(stages.get());
            } catch (RuntimeException | Error e) {
                failure.set(e);
                engine.shutdown();
                StartupFailureWindow.open("The Swapdeck window could not be opened",
                        e + "\n\nThe proxy has been stopped. Run swapdeck from a terminal to see the full log.", exit);
                return;
            }
            proxy.whenComplete((up, error) -> Platform.runLater(() -> {
                if (error == null) {
                    app.show();
                } else {
                    app.stop();
                    closed.countDown();
                }
            }));
        });
        awaitUninterruptibly(closed);
        if (proxy.isCompletedExceptionally()) {
            return;
        }
        joinUninterruptibly(fxThread);
        Throwable error = failure.get();
        if (error != null) {
            engine.shutdown().join();
            throw new BuildFailed("the window could not be opened: " + error.getMessage(), error);
        }
    }

    /** The configuration file the window last loaded, as its state file remembers it. */
    public static Optional<Path> lastOpenedConfig() {
        try {
            return WindowState.load(UiOptions.of(Optional.empty(), "", false).stateFile()).lastConfig();
        } catch (IllegalArgumentException e) {
            // HOME this locale cannot spell: Main says so before the window is needed
            return Optional.empty();
        }
    }

    /** Waits, bounded, for the JavaFX thread to end after {@code Platform.exit}. */
    static void joinUninterruptibly(Thread thread) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(TOOLKIT_EXIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
