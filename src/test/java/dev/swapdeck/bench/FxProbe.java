package dev.swapdeck.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.stage.Window;

/**
 * Watches the FX thread from the outside: whether the window is shown with its model table filled,
 * and the longest wall-clock gap between two pulses (an {@link AnimationTimer} runs once per pulse,
 * so a gap is how long the FX thread could not render or react).
 */
final class FxProbe {
    private final Object gapLock = new Object();
    private long lastPulse;
    private long maxGap;

    /** Waits until a showing window's models list has at least {@code rows} rows. */
    void awaitModelTable(int rows) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            CompletableFuture<Boolean> filled = new CompletableFuture<>();
            try {
                Platform.runLater(() -> filled.complete(tableFilled(rows)));
            } catch (IllegalStateException e) {
                Thread.sleep(2);
                continue;
            }
            if (filled.join()) {
                return;
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("the window did not show a filled model table within 30 s");
    }

    private static boolean tableFilled(int rows) {
        for (Window window : Window.getWindows()) {
            if (!window.isShowing() || window.getScene() == null) {
                continue;
            }
            Node node = window.getScene().getRoot().lookup("#modelsList");
            if (node instanceof ListView<?> list && list.getItems().size() >= rows) {
                return true;
            }
        }
        return false;
    }

    /** Shows the Activity tab, so its table and charts render through the flood. */
    void showActivity() {
        Platform.runLater(() -> {
            for (Window window : Window.getWindows()) {
                if (window.isShowing() && window.getScene() != null
                        && window.getScene().getRoot().lookup("#viewTabs") instanceof TabPane tabs) {
                    tabs.getTabs().stream().filter(tab -> "Activity".equals(tab.getText())).findFirst()
                            .ifPresent(tab -> tabs.getSelectionModel().select(tab));
                }
            }
        });
    }

    void startPulseClock() {
        Platform.runLater(() -> new AnimationTimer() {
            @Override
            public void handle(long now) {
                long wall = System.nanoTime();
                synchronized (gapLock) {
                    if (lastPulse != 0) {
                        maxGap = Math.max(maxGap, wall - lastPulse);
                    }
                    lastPulse = wall;
                }
            }
        }.start());
    }

    void resetGap() {
        synchronized (gapLock) {
            maxGap = 0;
        }
    }

    /**
     * The longest gap since the last reset, including the one still open now (a frozen FX thread
     * shows up even if no pulse has run since).
     */
    double maxGapMillis() {
        synchronized (gapLock) {
            long open = lastPulse == 0 ? 0 : System.nanoTime() - lastPulse;
            return Math.max(maxGap, open) / 1e6;
        }
    }
}
