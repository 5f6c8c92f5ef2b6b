package dev.swapdeck.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * What the window remembers between runs (size, position, split positions, theme, last config
 * path), as a small properties file. A missing or unreadable file means defaults; failing to save
 * is not worth bothering the user about, so {@link #save} only reports it by its result.
 */
public final class WindowState {
    public static final String X = "window.x";
    public static final String Y = "window.y";
    public static final String WIDTH = "window.width";
    public static final String HEIGHT = "window.height";
    public static final String MAXIMIZED = "window.maximized";
    /** The height the window manager's frame added to the scene's when the window last closed. */
    public static final String FRAME = "window.frame";
    /** A frame measured this tall or taller is not believed (a window manager that reported none yet). */
    static final double MOST_FRAME = 200;
    public static final String MAIN_SPLIT = "split.main";
    public static final String TOP_SPLIT = "split.top";
    public static final String LOGS_SPLIT = "split.logs";
    public static final String THEME = "theme";
    public static final String LAST_CONFIG = "config.last";

    private final Path file;
    private final Properties values = new Properties();

    private WindowState(Path file) {
        this.file = file;
    }

    public static WindowState load(Path file) {
        WindowState state = new WindowState(file);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                state.values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                state.values.clear();
            }
        }
        return state;
    }

    /**
     * The configuration file the window last loaded; empty when none, or when this locale cannot spell
     * the path remembered (an accent under LC_ALL=C): a convenience lost, not a failure.
     */
    public Optional<Path> lastConfig() {
        try {
            return get(LAST_CONFIG).map(Path::of);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.getProperty(key));
    }

    public Optional<Double> number(String key) {
        try {
            return get(key).map(Double::valueOf).filter(d -> !d.isNaN() && !d.isInfinite());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public void put(String key, String value) {
        values.setProperty(key, value);
    }

    public void put(String key, double value) {
        values.setProperty(key, Double.toString(value));
    }

    /** Writes the file atomically; false if it could not be written. */
    public boolean save() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                values.store(out, "Swapdeck window state");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
