package dev.swapdeck.config;

import dev.swapdeck.logging.LogLevel;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The top-level scalars, with their defaults and limits applied. */
record TopLevelSettings(Macros macros, Duration healthCheckTimeout, LogLevel logLevel, int startPort,
        Duration globalTtl) {

    private static final Set<String> SCALARS = Set.of("healthCheckTimeout", "logLevel", "startPort", "globalTTL");
    private static final Set<String> READ_ELSEWHERE = Stream.concat(TopLevelExtras.KEYS.stream(), Stream.of("macros",
            "models", "profiles", "hooks", "memory", ClientFeedback.KEY, "groups", "matrix", "routing", "selectors",
            "maxQueueWait", SecuritySection.API_KEYS, SecuritySection.SECURITY)).collect(Collectors.toUnmodifiableSet());

    /**
     * Whether Swapdeck reads this top-level key. Any other (an ignored llama-swap setting, or a key of
     * the user's own, such as one holding YAML anchors the models merge) is passed over with a warning.
     */
    static boolean reads(String key) {
        return SCALARS.contains(key) || READ_ELSEWHERE.contains(key);
    }

    /** {@code top} with the file's {@code macros} (already read into {@code macros}) substituted. */
    static TopLevelSettings read(Map<String, YamlNodes.Entry> top, Macros macros, Problems p) {
        Duration health = SwapdeckConfig.DEFAULT_HEALTH_CHECK_TIMEOUT;
        LogLevel level = LogLevel.INFO;
        int startPort = SwapdeckConfig.DEFAULT_START_PORT;
        Duration globalTtl = Duration.ZERO;
        for (YamlNodes.Entry e : top.values()) {
            switch (e.key()) {
                case "healthCheckTimeout": health = healthCheckTimeout(e, p).orElse(health); break;
                case "logLevel": level = logLevel(e, p).orElse(level); break;
                case "startPort": startPort = startPort(e, p).orElse(startPort); break;
                case "globalTTL": globalTtl = seconds(e, p).orElse(globalTtl); break;
                default:
                    if (!READ_ELSEWHERE.contains(e.key())) {
                        IgnoredKeys.topLevel(e, p);
                    }
            }
        }
        return new TopLevelSettings(macros, health, level, startPort, globalTtl);
    }

    private static Optional<Duration> healthCheckTimeout(YamlNodes.Entry e, Problems p) {
        Optional<Located<Long>> value = YamlNodes.wholeNumber(e.value(), e.path(), "a whole number of seconds", p);
        long min = SwapdeckConfig.MIN_HEALTH_CHECK_TIMEOUT.toSeconds();
        if (value.isPresent() && value.get().value() < min) {
            p.warn(e.value(), e.path(), value.get().value() + " s is below the minimum; using " + min + " s");
            return Optional.of(SwapdeckConfig.MIN_HEALTH_CHECK_TIMEOUT);
        }
        return value.map(v -> Duration.ofSeconds(v.value()));
    }

    private static Optional<LogLevel> logLevel(YamlNodes.Entry e, Problems p) {
        Optional<Located<String>> text = YamlNodes.text(e.value(), e.path(), p);
        Optional<LogLevel> level = text.flatMap(t -> LogLevel.parse(t.value()));
        if (text.isPresent() && level.isEmpty()) {
            // as llama-swap does: a level it does not know is info
            p.warn(e.value(), e.path(), "expected debug, info, warn or error, got " + YamlNodes.describe(e.value())
                    + "; using info");
        }
        return level;
    }

    private static Optional<Integer> startPort(YamlNodes.Entry e, Problems p) {
        Optional<Located<Long>> value = YamlNodes.wholeNumber(e.value(), e.path(), "a port number", p);
        if (value.isPresent() && (value.get().value() < 1 || value.get().value() > 65535)) {
            p.error(e.value(), e.path(), "expected a port number from 1 to 65535, got " + value.get().value());
            return Optional.empty();
        }
        return value.map(v -> v.value().intValue());
    }

    private static Optional<Duration> seconds(YamlNodes.Entry e, Problems p) {
        Optional<Located<Long>> value = YamlNodes.wholeNumber(e.value(), e.path(), "a whole number of seconds", p);
        if (value.isPresent() && value.get().value() < 0) {
            p.error(e.value(), e.path(), "expected 0 (never unload) or more seconds, got " + value.get().value());
            return Optional.empty();
        }
        return value.map(v -> Duration.ofSeconds(v.value()));
    }
}
