package dev.swapdeck;

import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.engine.SwapdeckEngine;
import dev.swapdeck.ui.SwapdeckWindow;
import dev.swapdeck.ui.UiOptions;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Runs the window on a thread of its own so that {@code Main} waits for a shutdown the same way with
 * or without a window: closing the window shuts the engine down; a signal or
 * {@code POST /api/shutdown} shuts the engine down and the window closes itself. {@code Main} then
 * waits for this thread ({@link #awaitClosed}) before it exits, so the JVM never exits under a
 * toolkit that is still painting.
 */
final class WindowThread {
    private final Thread thread;
    private volatile String failure;
    private volatile boolean failureShown;

    private WindowThread(SwapdeckEngine engine, SwapdeckConfig config, CompletionStage<?> proxyUp) {
        thread = new Thread(() -> {
            try {
                SwapdeckWindow.launch(engine, UiOptions.of(config.source(), engine.clientBaseUrl(), config.isDemo()),
                        proxyUp);
            } catch (SwapdeckWindow.BuildFailed e) {
                failure = e.getMessage();
                failureShown = true;
            } catch (RuntimeException | LinkageError e) {
                failure = e.getMessage() + advice(String.valueOf(e.getMessage()), System.getenv());
            } finally {
                engine.shutdown();
            }
        }, "swapdeck-window");
        thread.setDaemon(true);
    }

    /**
     * What to do when the window cannot open ({@code failure}: the toolkit's message): without a display,
     * run headless; with one named that GTK could not open, check it; else the toolkit itself failed,
     * which on Linux is GTK 3 missing or broken.
     */
    static String advice(String failure, java.util.Map<String, String> env) {
        if (!DesktopNotice.hasDisplay(env)) {
            return " (use --headless on a machine without a display)";
        }
        if (!failure.contains("Unable to open DISPLAY")) {
            return " (the window needs GTK 3: install libgtk-3-0, or use --headless to run without a window)";
        }
        String display = env.getOrDefault("DISPLAY", "");
        return display.isBlank()
                ? " (the window needs X11 or XWayland, and DISPLAY is not set: start XWayland, or use --headless to run"
                        + " without a window)"
                : " (no display answers at DISPLAY=" + display + ": check it, or use --headless to run without a window)";
    }

    /** Builds the window now and shows it once {@code proxyUp} completes; never shows it if that fails. */
    static WindowThread start(SwapdeckEngine engine, SwapdeckConfig config, CompletionStage<?> proxyUp) {
        WindowThread window = new WindowThread(engine, config, proxyUp);
        window.thread.start();
        return window;
    }

    /** Waits (bounded) until the window has closed and its toolkit has stopped. */
    void awaitClosed(long timeout, TimeUnit unit) {
        try {
            thread.join(unit.toMillis(timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Why the window could not be opened (no display, or it failed to build), if it could not. Main
     * prints it last, after the shutdown's log, where a person at a terminal looks.
     */
    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Whether the failure was shown in a window already (the toolkit ran; the window failed to build). */
    boolean failureShown() {
        return failureShown;
    }
}
