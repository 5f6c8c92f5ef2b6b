package dev.swapdeck;

import dev.swapdeck.config.ConfigException;
import dev.swapdeck.config.ConfigProblem;
import dev.swapdeck.config.PortHints;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.engine.ConfigSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * SPEC §8's rule for a listener beyond loopback, kept after the start: Swapdeck refuses to start
 * there without {@code apiKeys} (unless {@code --insecure-no-keys}), so it refuses a reload without
 * them too. Otherwise deleting one line and reloading (the window, {@code POST /api/config/reload},
 * SIGHUP, a watched file) would open every route to the network with no warning.
 */
final class KeysKeptSource implements ConfigSource {
    private final ConfigSource source;
    private final ListenAddress listen;

    private KeysKeptSource(ConfigSource source, ListenAddress listen) {
        this.source = source;
        this.listen = listen;
    }

    /** {@code source} as it is on loopback or with {@code --insecure-no-keys}; else one that keeps keys required. */
    static ConfigSource guard(ConfigSource source, ListenAddress listen, boolean insecureNoKeys) {
        return listen.isLoopback() || insecureNoKeys ? source : new KeysKeptSource(source, listen);
    }

    @Override
    public SwapdeckConfig load(Path file, PortHints kept) throws ConfigException, IOException {
        return keysKept(source.load(file, kept), file);
    }

    @Override
    public SwapdeckConfig loadEditing(Path file, Path edited, String text) throws ConfigException, IOException {
        return keysKept(source.loadEditing(file, edited, text), edited);
    }

    private SwapdeckConfig keysKept(SwapdeckConfig config, Path file) throws ConfigException {
        if (!config.security().requiresKeys()) {
            throw new ConfigException(List.of(new ConfigProblem(file.toString(), 1, 1, "apiKeys",
                    "required while Swapdeck listens on " + listen + ", beyond loopback: without keys anyone who "
                            + "can reach it could start processes on this machine (keep apiKeys, or restart with "
                            + "--insecure-no-keys to accept that)")), config.warnings());
        }
        return config;
    }
}
