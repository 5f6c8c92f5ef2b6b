package dev.swapdeck.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swapdeck.activity.ActivityRecord;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The JSON shape of one activity record, the same in {@code GET /api/activity} and on
 * {@code /api/events}: durations in milliseconds, unknown values as null.
 */
final class ActivityJson {
    private ActivityJson() {
    }

    static ObjectNode toJson(ActivityRecord record) {
        ObjectNode node = Json.MAPPER.createObjectNode()
                .put("seq", record.seq())
                .put("at", record.at().toString())
                .put("model", record.model())
                .put("method", record.method())
                .put("path", record.path())
                .put("status", record.status())
                .put("stream", record.stream())
                .put("durationMs", millis(record.duration()));
        if (record.timeToFirstToken().isPresent()) {
            node.put("ttftMs", millis(record.timeToFirstToken().get()));
        } else {
            node.putNull("ttftMs");
        }
        putInt(node, "promptTokens", record.promptTokens());
        putInt(node, "generatedTokens", record.generatedTokens());
        node.put("generatedTokensCounted", record.generatedTokensCounted());
        OptionalDouble speed = record.tokensPerSecond();
        if (speed.isPresent()) {
            node.put("tokensPerSecond", Math.round(speed.getAsDouble() * 100) / 100.0);
        } else {
            node.putNull("tokensPerSecond");
        }
        node.put("waitedFor", record.waited().reason().label())
                .put("waitMs", millis(record.waited().duration()));
        if (record.interruption().isPresent()) {
            node.put("interrupted", record.interruption().get());
        } else {
            node.putNull("interrupted");
        }
        return node;
    }

    private static double millis(Duration duration) {
        return Math.round(duration.toNanos() / 1_000.0) / 1_000.0;
    }

    private static void putInt(ObjectNode node, String field, OptionalInt value) {
        if (value.isPresent()) {
            node.put(field, value.getAsInt());
        } else {
            node.putNull(field);
        }
    }
}
