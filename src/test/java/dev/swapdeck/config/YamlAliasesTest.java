package dev.swapdeck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Anchors and aliases as llama-swap files use them, and the ones that only blow up. */
class YamlAliasesTest {

    /** Go's yaml.v3 bounds what aliases expand to, not how many there are: 60 models sharing defaults load. */
    @Test
    void manyModelsMergingSharedDefaultsLoad() {
        StringBuilder yaml = new StringBuilder("x-base: &base\n  ttl: 60\n  env: &env [\"A=1\"]\nmodels:\n");
        for (int i = 0; i < 60; i++) {
            yaml.append("  m").append(i).append(":\n    <<: *base\n    env: *env\n    cmd: server --port ${PORT}\n");
        }
        SwapdeckConfig config = Configs.parse(yaml.toString());
        assertEquals(60, config.models().size());
        assertEquals(Duration.ofSeconds(60), config.models().get("m59").ttl());
    }

    @Test
    void aliasesThatMultiplyAreRefusedAtOnceSayingWhy() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int level = 1; level < 10; level++) {
            yaml.append('a').append(level).append(": &a").append(level).append(" [");
            for (int i = 0; i < 10; i++) {
                yaml.append(i == 0 ? "" : ", ").append("*a").append(level - 1);
            }
            yaml.append("]\n");
        }
        yaml.append("models:\n  m:\n    cmd: server --port ${PORT}\n");
        ConfigProblem problem = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Configs.error(yaml.toString()));
        assertEquals("(yaml)", problem.key());
        assertTrue(problem.message().startsWith("its anchors and aliases expand to more than 1000000 nodes"), problem.message());
    }

    @Test
    void anAliasInsideItsOwnAnchorIsRefused() {
        ConfigProblem problem = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> Configs.error("loop: &loop [1, *loop]\nmodels:\n  m:\n    cmd: server --port ${PORT}\n"));
        assertTrue(problem.message().contains("an alias inside its own anchor"), problem.message());
    }
}
