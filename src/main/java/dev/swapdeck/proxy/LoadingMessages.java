package dev.swapdeck.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swapdeck.loading.LoadProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The text of llama-swap's {@code sendLoadingState} (its {@code internal/router/loading.go}), as
 * Swapdeck words it: a rule, "loading model", then progress while the model starts, then "Done!"
 * with the time it took and a closing rule. Each piece is one OpenAI chat chunk whose delta carries
 * only {@code reasoning_content}, the shape llama-swap sends, so chat apps fold it away as the
 * model's "thinking"; the chunk also has {@code id}, {@code object}, {@code created} and the choice's
 * {@code index}, so stream parsers that expect them accept it. Pure; {@link LoadingStream} sends it.
 */
final class LoadingMessages {
    static final String RULE = "━━━━━";
    /** A progress line every this many ticks; a dot on the others. */
    static final int TICKS_PER_LINE = 4;

    private final String model;
    private final long created = Instant.now().getEpochSecond();

    LoadingMessages(String model) {
        this.model = model;
    }

    /** The first pieces, sent as the response starts. */
    String opening() {
        return chunk(RULE + "\n") + chunk("Swapdeck loading model: " + model + "\n");
    }

    /**
     * The piece for tick {@code n} (1, 2, ...): a dot, or every few ticks a line. The seconds are the
     * request's own ({@code waited}), so they only count up, whether it waits for other models or for
     * the start. Before the start begins ({@code start} empty) the line names the models it waits for
     * ({@code busy}: those still answering or stopping to make room); once it runs, the progress from
     * the learned load time, or that there is no estimate yet for a first load.
     */
    String tick(int n, Duration waited, Optional<LoadProgress> start, List<String> busy) {
        if (n % TICKS_PER_LINE != 0) {
            return chunk(".");
        }
        String line = waited.toSeconds() + " s so far, ";
        if (start.isEmpty()) {
            line += busy.isEmpty() ? "waiting for the start" : "waiting for " + String.join(", ", busy) + " to finish";
        } else if (start.get().fraction().isPresent()) {
            long left = start.get().remaining().orElse(Duration.ZERO).toSeconds();
            line += String.format(Locale.ROOT, "%d%%, about %d s left",
                    Math.round(start.get().fraction().getAsDouble() * 100), left);
        } else {
            line += "loading (first load: no estimate yet)";
        }
        return chunk("\n" + line + " ");
    }

    /** The last pieces, once the model is ready ({@code ok}) or its start failed. */
    String closing(Duration took, boolean ok) {
        String seconds = String.format(Locale.ROOT, "%.2fs", took.toNanos() / 1e9);
        String verdict = ok ? "Done! (" + seconds + ")" : "Loading failed after " + seconds;
        return chunk("\n") + chunk(verdict + "\n") + chunk(RULE + "\n") + chunk(" \n");
    }

    /** One SSE event carrying {@code text} as reasoning. */
    String chunk(String text) {
        ObjectNode chunk = Json.MAPPER.createObjectNode()
                .put("id", "swapdeck-loading")
                .put("object", "chat.completion.chunk")
                .put("created", created)
                .put("model", model);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.putObject("delta").put("reasoning_content", text);
        choice.putNull("finish_reason");
        return "data: " + chunk + "\n\n";
    }
}
