package dev.swapdeck.activity;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What a response says it cost, merged from every place a server reports it: OpenAI's {@code usage}
 * ({@code prompt_tokens}/{@code completion_tokens}), the Responses and Anthropic shapes
 * ({@code input_tokens}/{@code output_tokens}) and llama.cpp's {@code timings} ({@code prompt_n},
 * {@code predicted_n}, {@code predicted_per_second}). A later report replaces only the fields it
 * carries, so Anthropic's split usage (input at the start, output at the end) adds up.
 */
public record TokenCounts(OptionalInt promptTokens, OptionalInt generatedTokens, OptionalDouble predictedPerSecond) {

    public static final TokenCounts NONE = new TokenCounts(OptionalInt.empty(), OptionalInt.empty(), OptionalDouble.empty());
    /** Every field read from {@code usage} or {@code timings}; a reader may leave the others undecoded. */
    static final List<String> FIELDS = List.of("prompt_tokens", "input_tokens", "completion_tokens", "output_tokens",
            "prompt_n", "predicted_n", "predicted_per_second");

    /** This, overridden by what a {@code usage} object reports (its numbers by field); null changes nothing. */
    TokenCounts withUsage(Map<String, Double> usage) {
        if (usage == null) {
            return this;
        }
        OptionalInt prompt = firstCount(usage, "prompt_tokens", "input_tokens");
        OptionalInt generated = firstCount(usage, "completion_tokens", "output_tokens");
        return new TokenCounts(prompt.isPresent() ? prompt : promptTokens,
                generated.isPresent() ? generated : generatedTokens, predictedPerSecond);
    }

    /**
     * This, completed by llama.cpp's {@code timings}: its token counts fill only what {@code usage}
     * did not say (its {@code prompt_n} leaves out tokens served from the prompt cache), its speed is
     * the measured generation speed.
     */
    TokenCounts withTimings(Map<String, Double> timings) {
        if (timings == null) {
            return this;
        }
        OptionalInt prompt = promptTokens.isPresent() ? promptTokens : firstCount(timings, "prompt_n");
        OptionalInt generated = generatedTokens.isPresent() ? generatedTokens : firstCount(timings, "predicted_n");
        Double speed = timings.get("predicted_per_second");
        OptionalDouble perSecond = speed != null && speed > 0 ? OptionalDouble.of(speed) : predictedPerSecond;
        return new TokenCounts(prompt, generated, perSecond);
    }

    /** This, updated by one report that may hold a {@code usage} object, a {@code timings} object, both or neither. */
    TokenCounts merge(Map<String, Double> usage, Map<String, Double> timings) {
        return withUsage(usage).withTimings(timings);
    }

    /** The first of {@code names} that holds a count: a number from 0 to the largest int, its fraction dropped. */
    private static OptionalInt firstCount(Map<String, Double> numbers, String... names) {
        for (String name : names) {
            Double value = numbers.get(name);
            if (value != null && value >= 0 && value <= Integer.MAX_VALUE) {
                return OptionalInt.of(value.intValue());
            }
        }
        return OptionalInt.empty();
    }
}
