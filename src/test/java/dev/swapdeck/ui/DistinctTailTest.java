package dev.swapdeck.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DistinctTailTest {
    private static final List<String> SIBLINGS = List.of(
            "very-long-model-name-for-truncation-testing-number-05-q4_k_m",
            "very-long-model-name-for-truncation-testing-number-06-q4_k_m",
            "very-long-model-name-for-truncation-testing-number-16-q4_k_m",
            "qwen2.5-coder-7b", "qwen2.5-coder-32b", "llama", "llama-3");

    @ParameterizedTest
    @CsvSource({
        "very-long-model-name-for-truncation-testing-number-05-q4_k_m, …number-05-q4_k_m",
        "very-long-model-name-for-truncation-testing-number-16-q4_k_m, …number-16-q4_k_m",
        "qwen2.5-coder-32b, …coder-32b",
        "llama, llama",
        "llama-3, llama-3",
    })
    void keepsTheWordWhereTheIdPartsFromTheOthersAndTheOneBefore(String id, String shown) {
        assertEquals(shown, DistinctTail.of(id, SIBLINGS));
    }

    /** llama-server router ids: one family, one quantisation, told apart by a word in the middle. */
    private static final List<String> ROUTER_IDS = List.of(
            "unsloth/Qwen3-30B-A3B-Instruct-2507-GGUF:Q4_K_M",
            "unsloth/Qwen3-30B-A3B-Thinking-2507-GGUF:Q4_K_M",
            "unsloth/Qwen3-30B-A3B-Thinking-2507-GGUF:Q8_0",
            "very-long-model-name-for-truncation-testing-number-24-qwen2.5-coder-32b-instruct-q4_k_m",
            "very-long-model-name-for-truncation-testing-number-25-qwen2.5-coder-32b-instruct-q4_k_m",
            "tiny-a");

    @ParameterizedTest
    @CsvSource({
        "unsloth/Qwen3-30B-A3B-Instruct-2507-GGUF:Q4_K_M, …A3B-Instruct-…7-GGUF:Q4_K_M",
        "unsloth/Qwen3-30B-A3B-Thinking-2507-GGUF:Q4_K_M, …B-Thinking-2507-GGUF:Q4_K_M",
        "unsloth/Qwen3-30B-A3B-Thinking-2507-GGUF:Q8_0, …A3B-Thinking-2507-GGUF:Q8_0",
        "very-long-model-name-for-truncation-testing-number-24-qwen2.5-coder-32b-instruct-q4_k_m, …number-24-qwe…struct-q4_k_m",
        "tiny-a, tiny-a",
    })
    void withinALimitKeepsWhatPartsTheIdFromTheOthersAndItsEnd(String id, String shown) {
        assertEquals(shown, DistinctTail.within(id, ROUTER_IDS, 28));
        assertTrue(shown.length() <= 28, shown);
    }

    /** Siblings that differ only in their last word, the quantisation: the room left shows the model's name too, not {@code …K_M}. */
    @Test
    void siblingsThatDifferOnlyAtTheirEndShowAsMuchOfTheirNameAsFits() {
        List<String> quants = List.of("lmstudio-community/DeepSeek-R1-Distill-Qwen-14B-GGUF:Q4_K_M",
                "lmstudio-community/DeepSeek-R1-Distill-Qwen-14B-GGUF:Q4_K_S",
                "lmstudio-community/DeepSeek-R1-Distill-Qwen-14B-GGUF:Q6_K");
        assertEquals("…-R1-Distill-Qwen-14B-GGUF:Q4_K_M", DistinctTail.within(quants.get(0), quants, 33));
        assertEquals("…Qwen-14B-GGUF:Q6_K", DistinctTail.within(quants.get(2), quants, 19));
        assertEquals("…istill-Qwen-14B-GGUF:Q4_K_S",
                DistinctTail.fitted(quants.get(1), quants, 28, text -> text.length()), "measured, the same");
    }

    @ParameterizedTest
    @CsvSource({
        "org.example_very-long-model-identifier_with.dots-and_underscores-v1.2.3-q4_k_m-instruct, org.example_v…4_k_m-instruct",
        "unsloth/Qwen3-30B-A3B-Instruct-2507-GGUF:Q4_K_M, unsloth/Qwen3…07-GGUF:Q4_K_M",
    })
    void withinALimitAnIdLikeNoOtherKeepsItsTwoEnds(String id, String shown) {
        assertEquals(shown, DistinctTail.within(id, List.of(id, "tiny-a"), 28));
    }

    /** Measured in characters, as a place measures pixels: narrower, the word that differs stays. */
    @ParameterizedTest
    @CsvSource({
        "60, unsloth/Qwen3-30B-A3B-Instruct-2507-GGUF:Q4_K_M",
        "30, …A3B-Instruct-2507-GGUF:Q4_K_M",
        "20, …A3B-Instruct…Q4_K_M",
        "12, …Instruct…_M",
        "6, …Inst…",
    })
    void fittedToARoomKeepsTheWordThatDiffersAsLongAsItCan(int room, String shown) {
        assertEquals(shown, DistinctTail.fitted("unsloth/Qwen3-30B-A3B-Instruct-2507-GGUF:Q4_K_M", ROUTER_IDS, room,
                String::length));
    }

    @ParameterizedTest
    @CsvSource({"very-long-model-name-for-truncation-testing-number-05-q4_k_m", "qwen2.5-coder-7b"})
    void anIdWithoutSiblingsIsWhole(String id) {
        assertEquals(id, DistinctTail.of(id, List.of(id, "llama")));
    }
}
