package dev.swapdeck.engine;

import dev.swapdeck.config.ConfigException;
import dev.swapdeck.config.PortHints;
import dev.swapdeck.config.SwapdeckConfig;
import java.io.IOException;
import java.nio.file.Path;

/** Reads and validates a configuration file (the config package's loader in production). */
@FunctionalInterface
public interface ConfigSource {
    /** {@code kept}: the ports the configuration in force gave its models, kept where they still fit. */
    SwapdeckConfig load(Path file, PortHints kept) throws ConfigException, IOException;
}
