package dev.swapdeck.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test helpers: parse YAML text as {@code config.yaml} with a fixed environment. */
final class Configs {
    static final Map<String, String> ENV = Map.of("HOME", "/home/test", "MODELS", "/srv/models",
            "OPENROUTER_API_KEY", "sk-or-test");

    private Configs() {
    }

    static SwapdeckConfig parse(String yaml) {
        try {
            return ConfigLoader.parse(yaml, "config.yaml", Optional.empty(), Map.of(), ENV);
        } catch (ConfigException e) {
            return fail("expected a valid config, got:\n" + e.getMessage());
        }
    }

    static List<ConfigProblem> errors(String yaml) {
        return assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(yaml, "config.yaml", Optional.empty(), Map.of(), ENV)).problems();
    }

    /** The only error of {@code yaml}, failing if there are none or several. */
    static ConfigProblem error(String yaml) {
        List<ConfigProblem> errors = errors(yaml);
        if (errors.size() != 1) {
            fail("expected one error, got:\n" + String.join("\n", errors.stream().map(ConfigProblem::toString).toList()));
        }
        return errors.get(0);
    }
}
