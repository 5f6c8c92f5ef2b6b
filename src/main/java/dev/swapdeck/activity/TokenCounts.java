package dev.swapdeck.activity;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What a response says it cost, merged from every place a server reports it: OpenAI's {@code usage}
 * ({@code prompt_tokens}/{@code completion_tokens}), the Responses and Anthropic shapes
 * ({@code input_tokens}/{@code output_tokens}), llama.cpp's native {@code tokens_evaluated} (every
 * prompt token, cached or not) and its {@code timings} ({@code prompt_n}, {@code predicted_n},
 * {@code predicted_per_second}). For the prompt, {@code usage} outranks {@code tokens_evaluated},
 * which outranks {@code prompt_n}. A later report replaces only the fields it
 * carries, so Anthropic's split usage (input at the start, output at the end) adds up.
 *
 * @param generatedCounted whether {@code generatedTokens} was counted from a stream's events, not reported
 */
public record TokenCounts(OptionalInt promptTokens, OptionalInt generatedTokens, OptionalDouble predictedPerSecond,
                          boolean generatedCounted) {

    public static final TokenCounts NONE = new TokenCounts(OptionalInt.empty(), OptionalInt.empty(), OptionalDouble.empty());

    /** Counts as the server reported them. */
    public TokenCounts(OptionalInt promptTokens, OptionalInt generatedTokens, OptionalDouble predictedPerSecond) {
        this(promptTokens, generatedTokens, predictedPerSecond, false);
    }

    /**
     * This, or, when the server reported no generated count, {@code events} as that count: a stream's
     * events that carried content, one per token from llama-server (an answer cut before its last event,
     * a server that reports usage only when asked). {@link #generatedCounted} says which.
     */
    TokenCounts orCounted(int events) {
        return generatedTokens.isPresent() || events == 0 ? this
                : new TokenCounts(promptTokens, OptionalInt.of(events), predictedPerSecond, true);
    }

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
     * This, with the prompt count of llama.cpp's native answer ({@code /completion}), whose
     * {@code tokens_evaluated} counts the prompt tokens served from the prompt cache too, unless the
     * same report's {@code usage} gave one; null changes nothing.
     */
    TokenCounts withTokensEvaluated(Double evaluated, Map<String, Double> usage) {
        if (evaluated == null || usage != null && firstCount(usage, "prompt_tokens", "input_tokens").isPresent()) {
            return this;
        }
        OptionalInt prompt = count(evaluated);
        return prompt.isPresent() ? new TokenCounts(prompt, generatedTokens, predictedPerSecond) : this;
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

    /**
     * This, updated by one report that may hold a {@code usage} object, a {@code tokens_evaluated} count
     * and a {@code timings} object (each null when absent).
     */
    TokenCounts merge(Map<String, Double> usage, Double tokensEvaluated, Map<String, Double> timings) {
        return withUsage(usage).withTokensEvaluated(tokensEvaluated, usage).withTimings(timings);
    }

    /** The first of {@code names} that holds a count. */
    private static OptionalInt firstCount(Map<String, Double> numbers, String... names) {
        for (String name : names) {
            OptionalInt count = count(numbers.get(name));
            if (count.isPresent()) {
                return count;
            }
        }
        return OptionalInt.empty();
    }

    /** {@code value} as a count: a number from 0 to the largest int, its fraction dropped; else empty. */
    private static OptionalInt count(Double value) {
        return value != null && value >= 0 && value <= Integer.MAX_VALUE ? OptionalInt.of(value.intValue()) : OptionalInt.empty();
    }
}
