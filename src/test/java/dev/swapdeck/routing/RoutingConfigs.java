package dev.swapdeck.routing;

import dev.swapdeck.config.ConfigException;
import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.config.SwapdeckConfig;
import java.util.Optional;

/** Parses a test configuration written in llama-swap's style; every model runs {@code true}. */
final class RoutingConfigs {
    private RoutingConfigs() {
    }

    /** {@code models} is a space-separated list of ids; {@code rest} is the YAML that follows. */
    static SwapdeckConfig parse(String models, String rest) {
        StringBuilder yaml = new StringBuilder("models:\n");
        for (String id : models.split(" ")) {
            yaml.append("  \"").append(id).append("\": {cmd: \"true\", proxy: \"http://127.0.0.1:1\"}\n");
        }
        try {
            return ConfigLoader.parse(yaml + rest, "config.yaml", Optional.empty());
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
