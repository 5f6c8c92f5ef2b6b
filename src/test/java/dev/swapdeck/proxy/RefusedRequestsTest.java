package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swapdeck.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Requests Swapdeck refuses before they reach a model are proxied requests too (SPEC §12): recorded in
 * {@code /api/activity} under the name they asked for, counted in {@code /metrics} under
 * {@code model=""}, so that made-up names never become series.
 */
class RefusedRequestsTest {
    @AutoClose
    private final ProxyFixture proxy = ProxyFixture.start();

    @Test
    void refusalsBeforeRoutingAreRecordedAndCountedWithoutASeriesPerName() throws Exception {
        assertEquals(404, proxy.post("/v1/chat/completions", "{\"model\":\"ghost\\nline\",\"messages\":[]}").statusCode());
        assertEquals(400, proxy.post("/v1/chat/completions", "not json").statusCode());
        assertEquals(400, proxy.post("/v1/chat/completions", "{\"messages\":[]}").statusCode());
        assertEquals(404, proxy.get("/props?model=phantom").statusCode());
        assertEquals(404, proxy.get("/upstream/spectre/props").statusCode());
        assertEquals(200, proxy.post("/v1/chat/completions", "{\"model\":\"alpha\"}").statusCode());

        List<JsonNode> records = records(6);
        List<String> seen = records.stream().map(r -> r.path("model").asText() + " " + r.path("status").asInt()).toList();
        assertEquals(List.of("ghost\\nline 404", " 400", " 400", "phantom 404", "spectre 404", "alpha 200"), seen);
        assertEquals("/props", records.get(3).path("path").asText());

        String metrics = proxy.get("/metrics").body();
        assertTrue(metrics.contains("swapdeck_requests_total{model=\"\",status=\"404\"} 3.0"), metrics);
        assertTrue(metrics.contains("swapdeck_requests_total{model=\"\",status=\"400\"} 2.0"), metrics);
        assertTrue(metrics.contains("swapdeck_requests_total{model=\"alpha\",status=\"200\"} 1.0"), metrics);
        for (String name : List.of("ghost", "phantom", "spectre")) {
            assertFalse(metrics.contains(name), "no series for " + name + ": " + metrics);
        }
        assertFalse(metrics.contains("swapdeck_model_state{model=\"\""), metrics);
    }

    @Test
    void aRecordKeepsTheStartOfALongPathOnOneLine() throws Exception {
        String tail = "x".repeat(20_000);
        assertEquals(404, proxy.get("/upstream/spectre/" + tail).statusCode());
        assertEquals(200, proxy.get("/upstream/alpha/" + tail.substring(0, 3 * ActivityTap.PATH_CHARS)).statusCode());

        List<JsonNode> records = records(2);
        String refused = records.get(0).path("path").asText();
        assertTrue(refused.startsWith("/upstream/spectre/xxx"), refused.substring(0, 40));
        assertEquals(ActivityTap.PATH_CHARS + 1, refused.length());
        assertTrue(refused.endsWith("x…"));
        assertEquals(ActivityTap.PATH_CHARS + 1, records.get(1).path("path").asText().length());
    }

    /** The activity records once there are {@code count} of them. */
    private List<JsonNode> records(int count) {
        List<JsonNode> records = new ArrayList<>();
        Await.until(() -> count + " activity records, got " + records, Duration.ofSeconds(20), () -> {
            try {
                records.clear();
                ProxyFixture.json(proxy.get("/api/activity")).path("activity").forEach(records::add);
                return records.size() >= count;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return records;
    }
}
