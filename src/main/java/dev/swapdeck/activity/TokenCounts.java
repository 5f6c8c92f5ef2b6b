package dev.swapdeck.activity;

import com.fasterxml.jackson.databind.JsonNode;
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

    /** This, overridden by what a {@code usage} object reports; {@code null} or JSON null changes nothing. */
    TokenCounts withUsage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return this;
        }
        OptionalInt prompt = firstInt(usage, "prompt_tokens", "input_tokens");
        OptionalInt generated = firstInt(usage, "completion_tokens", "output_tokens");
        return new TokenCounts(prompt.isPresent() ? prompt : promptTokens,
                generated.isPresent() ? generated : generatedTokens, predictedPerSecond);
    }

    /**
     * This, completed by llama.cpp's {@code timings}: its token counts fill only what {@code usage}
     * did not say (its {@code prompt_n} leaves out tokens served from the prompt cache), its speed is
     * the measured generation speed.
     */
    TokenCounts withTimings(JsonNode timings) {
        if (timings == null || !timings.isObject()) {
            return this;
        }
        OptionalInt prompt = promptTokens.isPresent() ? promptTokens : firstInt(timings, "prompt_n");
        OptionalInt generated = generatedTokens.isPresent() ? generatedTokens : firstInt(timings, "predicted_n");
        JsonNode speed = timings.get("predicted_per_second");
        OptionalDouble perSecond = speed != null && speed.isNumber() && speed.doubleValue() > 0
                ? OptionalDouble.of(speed.doubleValue()) : predictedPerSecond;
        return new TokenCounts(prompt, generated, perSecond);
    }

    /** This, updated by one report that may hold a {@code usage} object, a {@code timings} object, both or neither. */
    TokenCounts merge(JsonNode usage, JsonNode timings) {
        return withUsage(usage).withTimings(timings);
    }

    private static OptionalInt firstInt(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && value.canConvertToInt() && value.intValue() >= 0) {
                return OptionalInt.of(value.intValue());
            }
        }
        return OptionalInt.empty();
    }
}
