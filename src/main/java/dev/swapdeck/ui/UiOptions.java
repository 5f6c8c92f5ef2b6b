package dev.swapdeck.ui;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code Main} tells the window besides the engine.
 *
 * @param configPath         the configuration file in use; empty for the built-in demo
 * @param listenUrl          where the proxy listens, e.g. {@code http://127.0.0.1:8080}
 * @param demo               whether the built-in demo configuration is loaded (the window then
 *                           offers to create {@code defaultConfigPath})
 * @param defaultConfigPath  where "Create config file" writes the template
 * @param stateFile          where window size, splits, theme and the last config path are kept
 */
public record UiOptions(Optional<Path> configPath, String listenUrl, boolean demo, Path defaultConfigPath,
                        Path stateFile) {

    /** Options with the XDG default locations: {@code $XDG_CONFIG_HOME/swapdeck/...}. */
    public static UiOptions of(Optional<Path> configPath, String listenUrl, boolean demo) {
        Path dir = configHome().resolve("swapdeck");
        return new UiOptions(configPath, listenUrl, demo, dir.resolve("config.yaml"), dir.resolve("window.properties"));
    }

    /** {@code $XDG_CONFIG_HOME} when set to an absolute path, else {@code ~/.config}. */
    public static Path configHome() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg);
        }
        return Path.of(System.getProperty("user.home"), ".config");
    }
}
