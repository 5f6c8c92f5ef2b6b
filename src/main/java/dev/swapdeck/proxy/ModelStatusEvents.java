package dev.swapdeck.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swapdeck.engine.ConfigLoaded;
import dev.swapdeck.event.Event;
import dev.swapdeck.loading.LoadProgress;
import dev.swapdeck.process.StateChanged;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The events of one {@code GET /models/sse} stream in llama.cpp's shapes: a {@code model_status}
 * event each time a model's status value (or its failed mark) changes, as llama.cpp's router sends one
 * per status change, never two alike in a row; load progress while loading; {@code models_reload} after
 * a configuration reload. One instance per stream: it remembers what that stream's reader last read.
 * Called by the stream's feed only, one event at a time.
 */
final class ModelStatusEvents implements LiveFeed.Format {
    private final Map<String, String> lastSent = new HashMap<>();

    @Override
    public String render(Event event) {
        ObjectNode message = Json.MAPPER.createObjectNode();
        if (event instanceof StateChanged change) {
            String value = LlamaStatus.value(change);
            if (!changed(change.model(), value, change.failed())) {
                return null;
            }
            ObjectNode data = LlamaStatus.event(value, Optional.empty());
            if (change.failed()) {
                data.put("failed", true);
            }
            message.put("model", change.model()).put("event", "model_status").set("data", data);
        } else if (event instanceof LoadProgress progress && !progress.finished() && progress.fraction().isPresent()) {
            lastSent.put(progress.model(), "loading");
            message.put("model", progress.model()).put("event", "model_status")
                    .set("data", LlamaStatus.event("loading", Optional.of(progress)));
        } else if (event instanceof ConfigLoaded) {
            message.put("model", "*").put("event", "models_reload");
        } else {
            return null;
        }
        return "data: " + message + "\n\n";
    }

    /** Records what the reader is told; false when it was told exactly this last time. */
    private boolean changed(String model, String value, boolean failed) {
        String shown = failed ? value + " (failed)" : value;
        return !shown.equals(lastSent.put(model, shown));
    }

    @Override
    public String dropped(long count) {
        return ": " + count + " events dropped: this reader was too slow\n\n";
    }

    @Override
    public String keepAlive() {
        return ": keep-alive\n\n";
    }
}
