package dev.swapdeck.ui;

import java.util.Locale;
import java.util.Objects;
import javafx.scene.Scene;

/**
 * Light and dark: each is one {@code .root} block of named colours (the tokens); {@code app.css}
 * styles every component from those tokens only, so a theme is a swap of one stylesheet.
 */
public enum Theme {
    LIGHT("theme-light.css"), DARK("theme-dark.css");

    private static final String APP_CSS = "app.css";
    private final String tokens;

    Theme(String tokens) {
        this.tokens = tokens;
    }

    public static Theme parse(String name) {
        return "dark".equalsIgnoreCase(name) ? DARK : LIGHT;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Theme other() {
        return this == LIGHT ? DARK : LIGHT;
    }

    /** Replaces the scene's stylesheets with this theme's tokens followed by the component styles. */
    public void applyTo(Scene scene) {
        scene.getStylesheets().setAll(url(tokens), url(APP_CSS));
    }

    private static String url(String name) {
        return Objects.requireNonNull(Theme.class.getResource(name), name).toExternalForm();
    }
}
