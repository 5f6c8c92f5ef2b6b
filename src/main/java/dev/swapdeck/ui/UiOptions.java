package dev.swapdeck.ui;

import dev.swapdeck.config.ConfigLocation;
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

    /**
     * Options with the default locations ({@link ConfigLocation#defaultPath}, XDG aware); the window
     * state lives next to the default config file, as {@code window.properties}.
     */
    public static UiOptions of(Optional<Path> configPath, String listenUrl, boolean demo) {
        Path config = ConfigLocation.defaultPath(System.getenv());
        return new UiOptions(configPath, listenUrl, demo, config, config.resolveSibling("window.properties"));
    }
}
