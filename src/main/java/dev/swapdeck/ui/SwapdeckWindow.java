package dev.swapdeck.ui;

import dev.swapdeck.engine.Engine;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * How {@code Main} opens the window: {@link #launch} starts the JavaFX toolkit, shows a
 * {@link SwapdeckApp} over the given engine and blocks until the window has closed, which always
 * means the engine has shut down. No static state is involved: the app is constructed here with its
 * dependencies and handed to the toolkit thread by {@code Platform.startup}.
 */
public final class SwapdeckWindow {
    private SwapdeckWindow() {
    }

    /** How long {@link #launch} waits for the toolkit to wind down after the window has closed. */
    private static final long TOOLKIT_EXIT_MILLIS = 5_000;

    /**
     * Shows the window and returns once it has closed (after {@code engine.shutdown()} completed)
     * and the JavaFX thread has ended, so that a {@code System.exit} that follows never races the
     * toolkit's last pulse (which printed NullPointerException and RejectedExecutionException traces
     * from a disposed graphics pipeline). If the window cannot be built, the engine is shut down, a
     * small window says why, and the cause is rethrown once it is closed; if the toolkit cannot start
     * at all (no display), the cause is rethrown at once.
     */
    public static void launch(Engine engine, UiOptions options) {
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Thread> fxThread = new AtomicReference<>();
        Platform.setImplicitExit(false);
        Runnable exit = () -> {
            Platform.exit();
            closed.countDown();
        };
        Platform.startup(() -> {
            fxThread.set(Thread.currentThread());
            try {
                nameTheApplication();
                new SwapdeckApp(engine, options, exit).start(new Stage());
            } catch (RuntimeException | Error e) {
                failure.set(e);
                engine.shutdown();
                StartupFailureWindow.open("The Swapdeck window could not be opened",
                        e + "\n\nThe proxy has been stopped. Run swapdeck from a terminal to see the full log.", exit);
            }
        });
        awaitUninterruptibly(closed);
        joinUninterruptibly(fxThread.get());
        Throwable error = failure.get();
        if (error != null) {
            engine.shutdown().join();
            throw new IllegalStateException("the window could not be opened: " + error.getMessage(), error);
        }
    }

    /** The configuration file the window last loaded, as its state file remembers it. */
    public static Optional<Path> lastOpenedConfig() {
        UiOptions defaults = UiOptions.of(Optional.empty(), "", false);
        return WindowState.load(defaults.stateFile()).get(WindowState.LAST_CONFIG).map(Path::of);
    }

    /**
     * Desktops match a window to its menu entry by the X11 window class ({@code StartupWMClass} in
     * the .desktop file). JavaFX derives it from the glass application's name, which defaults to
     * "java" when the toolkit is started from a plain main class, as here.
     */
    private static void nameTheApplication() {
        com.sun.glass.ui.Application.GetApplication().setName("swapdeck");
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
