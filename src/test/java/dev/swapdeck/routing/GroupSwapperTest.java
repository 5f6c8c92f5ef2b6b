package dev.swapdeck.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swapdeck.config.SwapdeckConfig;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** llama-swap's group rule, one row per case: target, running models, what must stop. */
class GroupSwapperTest {
    private static final SwapdeckConfig CONFIG = RoutingConfigs.parse(
            "llama qwen coder helper embed rerank tts stt loner1 loner2", String.join("\n",
                    "routing:",
                    "  router:",
                    "    settings:",
                    "      groups:",
                    "        chat:",
                    "          members: [llama, qwen]",
                    "        pair:",
                    "          swap: false",
                    "          exclusive: false",
                    "          members: [coder, helper]",
                    "        forever:",
                    "          persistent: true",
                    "          swap: false",
                    "          exclusive: false",
                    "          members: [embed, rerank]",
                    "        voice:",
                    "          exclusive: false",
                    "          members: [tts, stt]",
                    ""));
    private static final Swapper SWAPPER = SwapPolicy.of(CONFIG).rule();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "swap: true members take turns                 | llama  | qwen                 | qwen",
        "an exclusive group stops other groups         | llama  | coder helper         | coder helper",
        "an exclusive group spares persistent groups   | llama  | embed qwen           | qwen",
        "swap: false members run together              | coder  | helper               | ''",
        "a non-exclusive group leaves others running   | coder  | llama embed          | ''",
        "a persistent group's member stops nothing     | embed  | rerank llama coder   | ''",
        "swap without exclusive stops only siblings    | tts    | stt llama            | stt",
        "ungrouped models run one at a time            | loner1 | loner2               | loner2",
        "the implicit group is exclusive               | loner1 | llama embed          | llama",
        "an exclusive group stops ungrouped models     | qwen   | loner1 embed         | loner1",
        "the target itself never stops                 | llama  | llama embed          | ''",
    })
    void evictsWhatLlamaSwapEvicts(String rule, String target, String running, String expected) {
        assertEquals(set(expected), SWAPPER.evictionFor(target, set(running)), rule);
    }

    @ParameterizedTest(name = "no groups: {0} while {1} run")
    @CsvSource(delimiter = '|', value = {"a | b | b", "a | a b c | b c", "a | '' | ''"})
    void withoutGroupsOneModelRunsAtATime(String target, String running, String expected) {
        Swapper plain = SwapPolicy.of(RoutingConfigs.parse("a b c", "")).rule();
        assertEquals(set(expected), plain.evictionFor(target, set(running)));
    }

    static Set<String> set(String words) {
        return words == null || words.isBlank() ? Set.of()
                : Arrays.stream(words.trim().split("\\s+")).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
