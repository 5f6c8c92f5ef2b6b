package dev.swapdeck.proxy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swapdeck.activity.ActivityLog;
import dev.swapdeck.activity.ActivityRecord;
import dev.swapdeck.metrics.SwapdeckMetrics;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.Deque;

/**
 * The status routes of SPEC §12 that read what was observed: {@code GET /api/activity} (the recent
 * requests, oldest first; {@code ?since=N} keeps those after sequence number N) and
 * {@code GET /metrics} (Prometheus text).
 */
final class ObservabilityApi {
    private final ActivityLog activity;
    private final SwapdeckMetrics metrics;

    ObservabilityApi(ActivityLog activity, SwapdeckMetrics metrics) {
        this.activity = activity;
        this.metrics = metrics;
    }

    void activity(HttpServerExchange exchange) {
        long since = since(exchange);
        ObjectNode root = Json.MAPPER.createObjectNode().put("capacity", activity.capacity());
        ArrayNode records = root.putArray("activity");
        for (ActivityRecord record : activity.recent()) {
            if (record.seq() > since) {
                records.add(ActivityJson.toJson(record));
            }
        }
        Json.send(exchange, root);
    }

    /** Rendering takes milliseconds with many models: done on a worker, never on an IO thread. */
    void metrics(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this::metrics);
            return;
        }
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, SwapdeckMetrics.contentType());
        exchange.getResponseSender().send(metrics.scrape());
    }

    private static long since(HttpServerExchange exchange) {
        Deque<String> values = exchange.getQueryParameters().get("since");
        if (values == null || values.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(values.peekFirst().trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
