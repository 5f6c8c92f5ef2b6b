package dev.swapdeck.config;

import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.memory.MemoryConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * A loaded, validated configuration. Immutable; a reload builds a new one.
 *
 * @param source              the file it came from; empty for the built-in demo
 * @param models              by id, sorted
 * @param profiles            profile name to member ids, in file order
 * @param aliases             alias to model id
 * @param healthCheckTimeout  how long a start may take to become healthy
 * @param preload             model ids started right after launch ({@code hooks.on_startup.preload})
 * @param warnings            problems that did not stop loading (unknown keys, ...)
 * @param extras              current llama-swap's top-level settings (peers, ignorePaths, ...)
 * @param security            API keys, allowed hosts and origins, body and connection limits (SPEC §8)
 * @param routing             groups, matrix, pins, selectors, priorities and queue bounds
 * @param memory              the {@code memory:} section (SPEC §11); {@link MemoryConfig#OFF} without one
 */
public record SwapdeckConfig(
        Optional<Path> source,
        SortedMap<String, ModelConfig> models,
        Map<String, List<String>> profiles,
        Map<String, String> aliases,
        Duration healthCheckTimeout,
        LogLevel logLevel,
        int startPort,
        List<String> preload,
        List<ConfigProblem> warnings,
        ConfigExtras extras,
        SecurityConfig security,
        RoutingRules routing,
        MemoryConfig memory) {

    public static final Duration DEFAULT_HEALTH_CHECK_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration MIN_HEALTH_CHECK_TIMEOUT = Duration.ofSeconds(15);
    public static final int DEFAULT_START_PORT = 5800;

    public SwapdeckConfig {
        profiles = Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
        aliases = Map.copyOf(aliases);
        preload = List.copyOf(preload);
        warnings = List.copyOf(warnings);
    }

    /** A configuration with the default {@link SecurityConfig} (no keys, loopback only), no routing rules, no {@code memory:}. */
    public SwapdeckConfig(Optional<Path> source, SortedMap<String, ModelConfig> models,
            Map<String, List<String>> profiles, Map<String, String> aliases, Duration healthCheckTimeout,
            LogLevel logLevel, int startPort, List<String> preload, List<ConfigProblem> warnings,
            ConfigExtras extras) {
        this(source, models, profiles, aliases, healthCheckTimeout, logLevel, startPort, preload, warnings, extras,
                SecurityConfig.defaults(), RoutingRules.NONE, MemoryConfig.OFF);
    }

    /** A configuration without a {@code memory:} section: models swap by the routing rules alone. */
    public SwapdeckConfig(Optional<Path> source, SortedMap<String, ModelConfig> models,
            Map<String, List<String>> profiles, Map<String, String> aliases, Duration healthCheckTimeout,
            LogLevel logLevel, int startPort, List<String> preload, List<ConfigProblem> warnings,
            ConfigExtras extras, SecurityConfig security, RoutingRules routing) {
        this(source, models, profiles, aliases, healthCheckTimeout, logLevel, startPort, preload, warnings, extras,
                security, routing, MemoryConfig.OFF);
    }

    /** The model an id or alias names. */
    public Optional<ModelConfig> model(String idOrAlias) {
        ModelConfig byId = models.get(idOrAlias);
        if (byId != null) {
            return Optional.of(byId);
        }
        return Optional.ofNullable(aliases.get(idOrAlias)).map(models::get);
    }

    /** Whether this is the built-in demo rather than a user's file. */
    public boolean isDemo() {
        return source.isEmpty();
    }
}
