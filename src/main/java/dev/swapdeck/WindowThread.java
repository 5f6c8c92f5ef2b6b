package dev.swapdeck;

import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.engine.SwapdeckEngine;
import dev.swapdeck.ui.SwapdeckWindow;
import dev.swapdeck.ui.UiOptions;

/**
 * Runs the window on a thread of its own so that {@code Main} waits for a shutdown the same way with
 * or without a window: closing the window shuts the engine down; a signal or
 * {@code POST /api/shutdown} shuts it down and {@code Main} exits, taking the window with it.
 */
final class WindowThread {
    private WindowThread() {
    }

    static void start(SwapdeckEngine engine, SwapdeckConfig config) {
        Thread thread = new Thread(() -> {
            try {
                SwapdeckWindow.launch(engine, UiOptions.of(config.source(), engine.clientBaseUrl(), config.isDemo()));
            } catch (RuntimeException | LinkageError e) {
                System.err.println("swapdeck: " + e.getMessage() + " (use --headless on a machine without a display)");
            } finally {
                engine.shutdown();
            }
        }, "swapdeck-window");
        thread.setDaemon(true);
        thread.start();
    }
}
