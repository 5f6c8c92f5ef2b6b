package dev.swapdeck.ui;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;

/**
 * The application icon at the sizes window managers pick from: the same PNGs the desktop menu entry
 * uses (exported from {@code icons/swapdeck.svg}), so the window and the menu look alike.
 */
public final class AppIcon {
    static final int[] SIZES = {16, 32, 48, 64, 128, 256, 512};

    private AppIcon() {
    }

    /** Every size found on the classpath; a missing or unreadable size is skipped, never fatal. */
    public static List<Image> images() {
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
