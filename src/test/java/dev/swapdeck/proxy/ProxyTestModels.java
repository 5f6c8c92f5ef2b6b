package dev.swapdeck.proxy;

import dev.swapdeck.config.ClientFeedback;
import dev.swapdeck.config.ConfigExtras;
import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.config.ModelExtras;
import dev.swapdeck.config.SecurityConfig;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.memory.ModelMemory;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Builds configuration records for the proxy tests. */
final class ProxyTestModels {
    private ProxyTestModels() {
    }

    static ModelConfig model(String id, URI proxy) {
        return new ModelConfig(id, Optional.empty(), Optional.empty(), List.of("true"), List.of(), proxy,
                List.of(), Map.of(), Optional.of("/health"), Duration.ZERO, false, Optional.empty(),
                ModelConfig.DEFAULT_CONCURRENCY_LIMIT, Set.of(), Optional.empty(), ModelExtras.DEFAULTS, ClientFeedback.NONE,
                ModelMemory.NONE);
    }

    static ModelConfig withAliases(ModelConfig m, String... aliases) {
        return new ModelConfig(m.id(), m.name(), m.description(), m.cmd(), m.cmdStop(), m.proxy(), List.of(aliases),
                m.env(), m.checkEndpoint(), m.ttl(), m.unlisted(), m.useModelName(), m.concurrencyLimit(),
                m.stripParams(), m.port(), m.extras(), m.feedback(),
                m.memory());
    }

    static ModelConfig withRewrites(ModelConfig m, String useModelName, Set<String> stripParams) {
        return new ModelConfig(m.id(), m.name(), m.description(), m.cmd(), m.cmdStop(), m.proxy(), m.aliases(),
                m.env(), m.checkEndpoint(), m.ttl(), m.unlisted(), Optional.ofNullable(useModelName),
                m.concurrencyLimit(), stripParams, m.port(), m.extras(), m.feedback(),
                m.memory());
    }

    static ModelConfig described(ModelConfig m, String name, String description, boolean unlisted) {
        return new ModelConfig(m.id(), Optional.ofNullable(name), Optional.ofNullable(description), m.cmd(),
                m.cmdStop(), m.proxy(), m.aliases(), m.env(), m.checkEndpoint(), m.ttl(), unlisted,
                m.useModelName(), m.concurrencyLimit(), m.stripParams(), m.port(), m.extras(), m.feedback(),
                m.memory());
    }

    static SwapdeckConfig withSecurity(SwapdeckConfig c, SecurityConfig security) {
        return new SwapdeckConfig(c.source(), c.models(), c.profiles(), c.aliases(), c.healthCheckTimeout(),
                c.logLevel(), c.startPort(), c.preload(), c.warnings(), c.extras(), security, c.routing(),
                c.memory());
    }

    static SwapdeckConfig config(Map<String, List<String>> profiles, ModelConfig... models) {
        TreeMap<String, ModelConfig> byId = new TreeMap<>();
        Map<String, String> aliases = new HashMap<>();
        for (ModelConfig model : models) {
            byId.put(model.id(), model);
            model.aliases().forEach(alias -> aliases.put(alias, model.id()));
        }
        return new SwapdeckConfig(Optional.empty(), byId, profiles, aliases,
                SwapdeckConfig.DEFAULT_HEALTH_CHECK_TIMEOUT, LogLevel.DEBUG, SwapdeckConfig.DEFAULT_START_PORT,
                List.of(), List.of(), ConfigExtras.DEFAULTS);
    }
}
