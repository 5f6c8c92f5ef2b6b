package dev.swapdeck.engine;

import dev.swapdeck.config.ConfigException;
import dev.swapdeck.config.ConfigSources;
import dev.swapdeck.config.PortHints;
import dev.swapdeck.config.SwapdeckConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads and validates a configuration file (the config package's loader in production). */
@FunctionalInterface
public interface ConfigSource {
    /** {@code kept}: the ports the configuration in force gave its models, kept where they still fit. */
    SwapdeckConfig load(Path file, PortHints kept) throws ConfigException, IOException;

    /**
     * What {@link #load} of {@code file} would give with {@code text} in place of what is on disk for
     * {@code edited}, one of the files it reads: how the config editor checks unsaved text against the
     * rules a reload applies. This one reads a file alone, or a folder ({@code --config-dir}) alone.
     */
    default SwapdeckConfig loadEditing(Path file, Path edited, String text) throws ConfigException, IOException {
        return ConfigSources.loadAt(file, Optional.empty(), Optional.of(new ConfigSources.Edit(edited, text)), PortHints.NONE);
    }

    /** The files {@link #load} of {@code file} reads, in the order they are merged: the editor offers each. */
    default List<Path> filesRead(Path file) throws IOException {
        return ConfigSources.filesAt(file, Optional.empty());
    }
}
