package dev.swapdeck.ui;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/**
 * The application icon, from the same PNGs the desktop menu entry uses (exported from
 * {@code icons/swapdeck.svg}), so the window and the menu look alike. Only the sizes JavaFX 21 gives
 * a window: of a stage's icons it sends one to the platform, the nearest to 128 px on Linux and
 * macOS and to 32 px on Windows (checked with {@code xprop _NET_WM_ICON} under Xvfb: one 128 px
 * icon, whatever the list held). The menu takes its sizes from the icon theme.
 * <p>
 * Decoding even these two is PNG filtering in Java that the JIT has not reached at launch (35 to
 * 50 ms; the seven sizes this once listed took 65 to 85 ms, a fifth of building the window).
 * {@link FxStart}'s thread decodes them while the FX thread builds, and {@link #applyTo} sets them
 * then, or as soon as they are ready.
 */
public final class AppIcon {
    static final int[] SIZES = {32, 128};
    private static final AtomicBoolean BEGUN = new AtomicBoolean();
    private static final CompletableFuture<List<Image>> DECODED = new CompletableFuture<>();

    private AppIcon() {
    }

    /** Decodes the icons on the calling thread, once per process; the toolkit must have started. */
    static void decode() {
        if (BEGUN.compareAndSet(false, true)) {
            DECODED.complete(images());
        }
    }

    /**
     * Gives {@code stage} the icons: at once if they are decoded, else on the FX thread when they are
     * (decoding them on a thread of their own if nobody has begun). FX thread.
     */
    static void applyTo(Stage stage) {
        if (!BEGUN.get()) {
            Thread decoder = new Thread(AppIcon::decode, "swapdeck-icons");
            decoder.setDaemon(true);
            decoder.start();
        }
        List<Image> icons = DECODED.getNow(null);
        if (icons != null) {
            stage.getIcons().setAll(icons);
        } else {
            DECODED.thenAccept(decoded -> Platform.runLater(() -> stage.getIcons().setAll(decoded)));
        }
    }

    /** Every size found on the classpath; a missing or unreadable size is skipped, never fatal. */
    static List<Image> images() {
        List<Image> images = new ArrayList<>();
        for (int size : SIZES) {
            read("/dev/swapdeck/icons/icon-" + size + ".png", images);
        }
        return images;
    }

    private static void read(String name, List<Image> into) {
        try (InputStream in = AppIcon.class.getResourceAsStream(name)) {
            if (in != null) {
                into.add(new Image(in));
            }
        } catch (IOException e) {
            // a size that cannot be read is left out; the others still give the window its icon
        }
    }
}
