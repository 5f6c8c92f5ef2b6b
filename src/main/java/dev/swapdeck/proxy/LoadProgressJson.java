package dev.swapdeck.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swapdeck.engine.Engine;
import dev.swapdeck.loading.LoadProgress;
import java.time.Duration;
import java.util.Optional;

/**
 * The JSON shape of a start's progress, the same in {@code /api/models} ({@code loadProgress}, null
 * when not starting) and in {@code loading} events: milliseconds, and null fraction and remaining
 * time when no load time was learned yet (an indeterminate progress).
 */
final class LoadProgressJson {
    private LoadProgressJson() {
    }

    static ObjectNode toJson(LoadProgress progress) {
        ObjectNode node = Json.MAPPER.createObjectNode()
                .put("model", progress.model())
                .put("elapsedMs", progress.elapsed().toMillis());
        putMillis(node, "expectedMs", progress.expected());
        putMillis(node, "remainingMs", progress.remaining());
        if (progress.fraction().isPresent()) {
            node.put("fraction", Math.round(progress.fraction().getAsDouble() * 1000) / 1000.0);
        } else {
            node.putNull("fraction");
        }
        node.put("indeterminate", progress.indeterminate())
                .put("finished", progress.finished())
                .put("failed", progress.failed())
                .put("at", progress.at().toString());
        return node;
    }

    /** The progress of {@code model}'s start now, or JSON null. */
    static JsonNode current(Engine engine, String model) {
        return engine.loads().current(model).<JsonNode>map(LoadProgressJson::toJson).orElse(NullNode.getInstance());
    }

    private static void putMillis(ObjectNode node, String field, Optional<Duration> value) {
        if (value.isPresent()) {
            node.put(field, value.get().toMillis());
        } else {
            node.putNull(field);
        }
    }
}
