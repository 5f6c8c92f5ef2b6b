package dev.swapdeck.ui.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
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

    @ParameterizedTest
    @CsvSource({"very-long-model-name-for-truncation-testing-number-05-q4_k_m", "qwen2.5-coder-7b"})
    void anIdWithoutSiblingsIsWhole(String id) {
        assertEquals(id, DistinctTail.of(id, List.of(id, "llama")));
    }
}
