package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.SecurityConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every route of SPEC §6, including those other parts of Swapdeck add, lands in the right class. */
class RouteKindTest {

    @ParameterizedTest
    @CsvSource({
        "/health, HEALTH", "/wol-health, HEALTH",
        "/v1/chat/completions, INFERENCE", "/v1/completions, INFERENCE", "/v1/embeddings, INFERENCE",
        "/v1/responses, INFERENCE", "/v1/messages, INFERENCE", "/v1/rerank, INFERENCE", "/v1/reranking, INFERENCE",
        "/rerank, INFERENCE", "/infill, INFERENCE", "/completion, INFERENCE", "/v1/audio/speech, INFERENCE",
        "/v1/audio/transcriptions, INFERENCE", "/v1/models, INFERENCE", "/upstream/m/props, INFERENCE",
        "/models, INFERENCE",
        "/v/chat/completions, INFERENCE", "/reranking, INFERENCE", "/sdapi/v1/txt2img, INFERENCE",
        "/audioapi/v1/tasks/run, INFERENCE", "/props, INFERENCE", "/sdapi/v1/loras, INFERENCE",
        "/chat/completions, INFERENCE", "/tokenize, INFERENCE", "/apply-template, INFERENCE",
        "/running, CONTROL", "/unload, CONTROL", "/api/models, CONTROL", "/api/models/load/m, CONTROL",
        "/api/models/unload, CONTROL", "/api/models/unload/m, CONTROL", "/api/shutdown, CONTROL",
        "/api/events, CONTROL", "/api/profiles, CONTROL", "/api/profiles/active, CONTROL",
        "/api/config/reload, CONTROL", "/api/activity, CONTROL", "/logs, CONTROL", "/logs/stream, CONTROL",
        "/logs/stream/upstream, CONTROL", "/logs/stream/some/model, CONTROL", "/metrics, CONTROL",
        "/models/load, CONTROL", "/models/unload, CONTROL", "/models/sse, CONTROL",
        "/, CONTROL", "/anything-new, CONTROL", "//v1/models, CONTROL", "/health/x, CONTROL"})
    void eachRouteHasItsClass(String path, RouteKind expected) {
        assertEquals(expected, RouteKind.of(path));
    }

    @Test
    void loopbackOriginsOnAnyPortAreAllowedEverywhereOthersOnlyWhenListed() {
        AllowedOrigins none = AllowedOrigins.of(SecurityConfig.defaults());
        for (String origin : List.of("http://localhost:3000", "http://127.0.0.1", "https://127.0.0.1:8443",
                "http://[::1]:5173")) {
            assertTrue(none.allows(origin, RouteKind.CONTROL), origin);
        }
        for (String origin : List.of("https://evil.example", "null", "http://localhost.evil.example",
                "http://127.0.0.1.evil.example", "http://localhost:3000/path", "file://",
                "http://127.0.0.2:8931", "http://127.1.2.3", "http://[::ffff:127.0.0.1]:3000")) {
            assertFalse(none.allows(origin, RouteKind.INFERENCE), origin);
        }
        AllowedOrigins listed = AllowedOrigins.of(SecurityConfig.defaults().withAllowed(List.of(),
                List.of("https://chat.example", "http://tablet.lan:*", "*")));
        assertTrue(listed.allows("https://CHAT.example", RouteKind.CONTROL));
        assertTrue(listed.allows("http://tablet.lan:8080", RouteKind.CONTROL));
        assertFalse(listed.allows("http://tablet.lan.evil:8080", RouteKind.CONTROL));
        assertTrue(listed.allows("https://evil.example", RouteKind.INFERENCE));
        assertFalse(listed.allows("https://evil.example", RouteKind.CONTROL), "a wildcard never reaches control routes");
    }
}
