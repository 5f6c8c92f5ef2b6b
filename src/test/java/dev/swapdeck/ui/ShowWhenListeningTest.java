package dev.swapdeck.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * {@code Main} builds the window while the HTTP server starts and shows it only once the proxy
 * listens. When the proxy cannot listen (a busy port), the built window must never appear and the
 * toolkit must stay up for the small window that says why.
 */
class ShowWhenListeningTest {
    @TempDir Path dir;

    @Test
    void aWindowWhoseProxyCannotListenIsNeverShownAndLeavesTheToolkitRunning() throws Exception {
        FxToolkit.registerPrimaryStage();
        CompletableFuture<Thread> fxThread = new CompletableFuture<>();
        Platform.runLater(() -> fxThread.complete(Thread.currentThread()));
        try (EngineFixture fixture = EngineFixture.start(ConfigLoader.load(ConfigFiles.twoModels(dir)))) {
            UiOptions options = new UiOptions(Optional.empty(), "http://127.0.0.1:9/v1", false,
                    dir.resolve("default/config.yaml"), dir.resolve("window.properties"));
            CompletableFuture<Void> proxyUp = new CompletableFuture<>();
            CompletableFuture<Stage> stage = new CompletableFuture<>();
            Thread launch = new Thread(() -> SwapdeckWindow.launch(fixture.engine, options, proxyUp, () -> {
                Stage created = new Stage();
                stage.complete(created);
                return created;
            }, task -> {
                Platform.runLater(task);
                return fxThread.join();
            }), "launch-under-test");
            launch.setDaemon(true);
            launch.start();

            Stage built = stage.get(30, TimeUnit.SECONDS);
            AtomicBoolean everShown = new AtomicBoolean();
            CountDownLatch watching = new CountDownLatch(1);
            Platform.runLater(() -> {
                everShown.set(built.isShowing());
                built.showingProperty().addListener((obs, was, now) -> everShown.compareAndSet(false, now));
                watching.countDown();
            });
            assertTrue(watching.await(30, TimeUnit.SECONDS));
            Thread.sleep(300);
            assertFalse(everShown.get(), "not shown while the proxy has not started listening");

            proxyUp.completeExceptionally(new IllegalStateException("cannot listen on 127.0.0.1:9"));
            launch.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(launch.isAlive(), "launch returns once the window is given up");
            assertFalse(everShown.get(), "the window never appeared");

            CountDownLatch toolkitAlive = new CountDownLatch(1);
            Platform.runLater(toolkitAlive::countDown);
            assertTrue(toolkitAlive.await(5, TimeUnit.SECONDS), "the toolkit still runs for the failure window");
        }
    }
}
