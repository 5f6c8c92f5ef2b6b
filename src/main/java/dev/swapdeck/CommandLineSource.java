package dev.swapdeck;

import dev.swapdeck.config.ConfigException;
import dev.swapdeck.config.ConfigSources;
import dev.swapdeck.config.PortHints;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.engine.ConfigSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The configuration as the command line names it: a file merged with the {@code --config-dir} folder
 * when one was given, or a folder alone. A file a reload or the window opens later is merged with that
 * folder as the first was, and the config editor checks its text the same way.
 */
final class CommandLineSource implements ConfigSource {
    private final Optional<Path> dir;

    CommandLineSource(Optional<Path> dir) {
        this.dir = dir;
    }

    @Override
    public SwapdeckConfig load(Path path, PortHints kept) throws ConfigException, IOException {
        return ConfigSources.loadAt(path, dir, Optional.empty(), kept);
    }

    @Override
    public List<Path> filesRead(Path path) throws IOException {
        return ConfigSources.filesAt(path, dir);
    }

    @Override
    public SwapdeckConfig loadEditing(Path path, Path edited, String text) throws ConfigException, IOException {
        return ConfigSources.loadAt(path, dir, Optional.of(new ConfigSources.Edit(edited, text)), PortHints.NONE);
    }
}
