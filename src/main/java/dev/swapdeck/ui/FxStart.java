package dev.swapdeck.ui;

import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javafx.application.Platform;

/**
 * Starts the JavaFX toolkit once per process, early and on a thread of its own, so that its start
 * (GTK, fonts, the pipeline: a quarter of a second on a 2-core machine) overlaps the engine's and the
 * HTTP server's start on the other core instead of following them. {@code Main} calls {@link #begin}
 * as soon as it knows a window will be wanted; the window, or the startup failure window, then runs
 * through {@link #runLater}. The toolkit is global to the process, hence the static state.
 */
public final class FxStart {
    static final String DISABLE_REGION_CACHING = "prism.disableRegionCaching";
    private static final AtomicBoolean BEGUN = new AtomicBoolean();
    private static final CompletableFuture<Thread> STARTED = new CompletableFuture<>();
    /**
     * JavaFX's own logger, held so that its filter outlives garbage collection. JavaFX warns
     * "Unsupported JavaFX configuration: classes were loaded from 'unnamed module'" whenever it runs
     * from the class path, which is how Swapdeck's single jar runs it by design: the first line of
     * every launch, and nothing a person can act on. Only that message is dropped.
     */
    private static final Logger JAVAFX_LOG = Logger.getLogger("javafx");
    static final String CLASS_PATH_WARNING = "Unsupported JavaFX configuration";

    private FxStart() {
    }

    /** Begins starting the toolkit and returns at once; later calls do nothing. */
    public static void begin() {
        if (BEGUN.compareAndSet(false, true)) {
            Thread starter = new Thread(FxStart::start, "swapdeck-fx-start");
            starter.setDaemon(true);
            starter.start();
        }
    }

    private static void start() {
        try {
            paintRegionsDirectly(System.getProperties());
            JAVAFX_LOG.setFilter(record -> record.getMessage() == null
                    || !record.getMessage().startsWith(CLASS_PATH_WARNING));
            Platform.setImplicitExit(false);
            Platform.startup(() -> {
                nameTheApplication();
                STARTED.complete(Thread.currentThread());
            });
        } catch (RuntimeException | Error e) {
            STARTED.completeExceptionally(e);
            return;
        }
        // this thread is free now, and the FX thread busy building the window
        AppIcon.decode();
    }

    /**
     * Runs {@code task} on the FX thread once the toolkit has started (beginning its start if nobody
     * has) and returns that thread; throws what kept the toolkit from starting (no display).
     */
    static Thread runLater(Runnable task) {
        begin();
        Thread fxThread;
        try {
            fxThread = STARTED.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
        Platform.runLater(task);
        return fxThread;
    }

    /**
     * Asks Prism to paint control backgrounds as rectangles instead of stretching a cached image of
     * each, unless the user chose otherwise. Where no usable GPU is found (a remote desktop, Xvfb, a
     * virtual machine) JavaFX falls back to its software pipeline, and there the cache is the slow
     * path: stretching the cached nine-slice image is done pixel by pixel and took 97 % of the render
     * thread's native samples; a whole-window repaint at 1200x780 took 48 ms with it and 16 ms without.
     * The picture is the same but for the anti-aliasing of some rounded corners: the cache held what
     * direct painting draws. It must be set before Prism reads its settings, hence here.
     */
    static void paintRegionsDirectly(Properties system) {
        system.putIfAbsent(DISABLE_REGION_CACHING, "true");
    }

    /**
     * Desktops match a window to its menu entry by the X11 window class ({@code StartupWMClass} in
     * the .desktop file). JavaFX derives it from the glass application's name, which defaults to
     * "java" when the toolkit is started from a plain main class, as here.
     */
    private static void nameTheApplication() {
        com.sun.glass.ui.Application.GetApplication().setName("swapdeck");
    }
}
