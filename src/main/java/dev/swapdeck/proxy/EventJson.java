package dev.swapdeck.proxy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swapdeck.activity.ActivityRecord;
import dev.swapdeck.engine.ConfigLoaded;
import dev.swapdeck.engine.ConfigRejected;
import dev.swapdeck.event.Event;
import dev.swapdeck.loading.LoadProgress;
import dev.swapdeck.logging.LogLine;
import dev.swapdeck.memory.MemoryChanged;
import dev.swapdeck.process.StateChanged;
import dev.swapdeck.routing.ActiveProfileChanged;
import dev.swapdeck.routing.InFlightChanged;
import dev.swapdeck.routing.PinProfileChanged;
import java.util.Locale;

/**
 * The JSON shape of each event on {@code /api/events}: the {@code data:} of an SSE message whose
 * {@code event:} is {@link Event#type()}. Kept explicit so the wire format is a visible contract.
 */
final class EventJson {
    private EventJson() {
    }

    static ObjectNode toJson(Event event) {
        if (event instanceof ActivityRecord record) {
            return ActivityJson.toJson(record);
        }
        if (event instanceof LoadProgress progress) {
            return LoadProgressJson.toJson(progress);
        }
        ObjectNode node = Json.MAPPER.createObjectNode();
        if (event instanceof LogLine line) {
            node.put("seq", line.seq())
                    .put("stream", line.stream().name().toLowerCase(Locale.ROOT))
                    .put("model", line.model())
                    .put("level", line.level().label())
                    .put("text", line.text());
        } else if (event instanceof StateChanged change) {
            node.put("model", change.model())
                    .put("from", change.from().label())
                    .put("to", change.to().label())
                    .put("reason", change.reason());
            if (change.failed()) {
                node.put("failed", true);
            }
        } else if (event instanceof InFlightChanged inFlight) {
            node.put("model", inFlight.model()).put("inFlight", inFlight.inFlight());
        } else if (event instanceof ActiveProfileChanged profile) {
            node.put("profile", profile.profile().orElse(null));
        } else if (event instanceof PinProfileChanged pins) {
            node.put("active", pins.profile().orElse(null));
        } else if (event instanceof MemoryChanged memory) {
            node.setAll(MemoryJson.totals(memory.report()));
        } else if (event instanceof ConfigLoaded loaded) {
            node.put("source", loaded.config().source().map(Object::toString).orElse(null));
            ArrayNode models = node.putArray("models");
            loaded.config().models().keySet().forEach(models::add);
        } else if (event instanceof ConfigRejected rejected) {
            node.put("file", rejected.file().toString());
            ArrayNode problems = node.putArray("problems");
            rejected.problems().forEach(problems::add);
        }
        node.put("at", event.at().toString());
        return node;
    }

    /** One SSE message. */
    static String sse(Event event) {
        return "event: " + event.type() + "\ndata: " + toJson(event) + "\n\n";
    }
}
