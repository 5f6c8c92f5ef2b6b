package dev.swapdeck.engine;

import dev.swapdeck.config.ConfigException;
import dev.swapdeck.config.SwapdeckConfig;
import java.io.IOException;
import java.nio.file.Path;

/** Reads and validates a configuration file (the config package's loader in production). */
@FunctionalInterface
public interface ConfigSource {
    SwapdeckConfig load(Path file) throws ConfigException, IOException;
}
