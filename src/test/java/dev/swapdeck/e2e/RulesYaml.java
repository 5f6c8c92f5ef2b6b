package dev.swapdeck.e2e;

import dev.swapdeck.config.ConfigException;
import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.testing.DemoUpstreamCommand;
import dev.swapdeck.testing.FreePorts;
import java.util.Optional;

/**
 * A llama-swap style {@code config.yaml} whose models are demo upstreams on free loopback ports, so
 * an end-to-end test reads its routing rules exactly as a user's file would be read.
 */
final class RulesYaml {
    private RulesYaml() {
    }

    /**
     * @param ids   space-separated model ids
     * @param rules the YAML after {@code models:} (groups, matrix, profiles, selectors, ...)
     */
    static SwapdeckConfig config(String ids, String rules) {
        StringBuilder yaml = new StringBuilder("healthCheckTimeout: 15\nlogLevel: debug\nmacros:\n  demo: >-\n    ")
                .append(DemoUpstreamCommand.shellLine()).append("\nmodels:\n");
        for (String id : ids.split(" ")) {
            int port = FreePorts.loopback();
            yaml.append("  ").append(id).append(":\n")
                    .append("    cmd: ${demo} --port ").append(port).append(" --model ").append(id).append('\n')
                    .append("    proxy: http://127.0.0.1:").append(port).append('\n');
        }
        try {
            return ConfigLoader.parse(yaml + rules, "config.yaml", Optional.empty());
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
