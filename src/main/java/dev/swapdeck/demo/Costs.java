package dev.swapdeck.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What an answer cost, reported the way llama-server reports it: OpenAI's {@code usage} and
 * llama.cpp's {@code timings}. The prompt is counted in words (one token per word), generation in
 * tokens sent, and the generation time is measured from the first token to the last.
 */
final class Costs {
    private Costs() {
    }

    /** Words in the request's messages (chat) or prompt (completions); at least 1. */
    static int promptTokens(JsonNode request) {
        int words = 0;
        for (JsonNode message : request.path("messages")) {
            words += words(message.path("content").asText(""));
        }
        JsonNode prompt = request.path("prompt");
        if (prompt.isTextual()) {
            words += words(prompt.asText());
        }
        return Math.max(1, words);
    }

    private static int words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }

    static ObjectNode usage(int prompt, int generated) {
        return Replies.JSON.createObjectNode().put("prompt_tokens", prompt).put("completion_tokens", generated)
                .put("total_tokens", prompt + generated);
    }

    /**
     * llama.cpp's timings; {@code generationNanos} is the time from the first token to the last. The
     * demo sends its first token at once, so its pace is that of the {@code generated - 1} gaps
     * between them: counting every token over those gaps would report 8 tokens 15 ms apart as 76 a
     * second, not the 67 they stream at.
     */
    static ObjectNode timings(int prompt, int generated, long generationNanos) {
        double predictedMs = generationNanos / 1e6;
        ObjectNode timings = Replies.JSON.createObjectNode()
                .put("prompt_n", prompt)
                .put("prompt_ms", 0.0)
                .put("predicted_n", generated)
                .put("predicted_ms", predictedMs);
        if (generated > 1 && predictedMs > 0) {
            int gaps = generated - 1;
            timings.put("predicted_per_token_ms", predictedMs / gaps)
                    .put("predicted_per_second", gaps / (predictedMs / 1000));
        }
        return timings;
    }
}
