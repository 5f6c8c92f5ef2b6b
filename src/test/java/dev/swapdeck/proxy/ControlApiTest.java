package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swapdeck.process.ProcessState;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class ControlApiTest {
    @AutoClose
    private final ProxyFixture proxy = ProxyFixture.start();

    private JsonNode postJson(String path, int status) throws Exception {
        var response = proxy.send(HttpRequest.newBuilder(proxy.base.resolve(path))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(status, response.statusCode(), response.body());
        return ProxyFixture.json(response);
    }

    @Test
    void modelsListIsOpenAiShapedSortedAndLeavesUnlistedOut() throws Exception {
        JsonNode list = ProxyFixture.json(proxy.get("/v1/models"));
        assertEquals("list", list.get("object").asText());
        List<String> ids = new ArrayList<>();
        for (JsonNode model : list.get("data")) {
            ids.add(model.get("id").asText());
            assertEquals("model", model.get("object").asText());
            assertEquals("swapdeck", model.get("owned_by").asText());
            assertTrue(model.get("created").asLong() > 1_600_000_000L);
        }
        assertEquals(List.of("alpha", "beta", "broken", "busy", "gone", "named"), ids);
        JsonNode named = list.get("data").get(5);
        assertEquals("Named Model", named.get("name").asText());
        assertEquals("A described model", named.get("description").asText());
        assertFalse(list.get("data").get(0).has("name"));
    }

    @Test
    void loadAnswersWhenReadyAndRunningListsIt() throws Exception {
        JsonNode loaded = postJson("/api/models/load/duo:a1", 200);
        assertEquals("alpha", loaded.get("model").asText());
        assertEquals("ready", loaded.get("state").asText());
        assertEquals(List.of("load duo:a1"), proxy.engine.commands);

        JsonNode running = ProxyFixture.json(proxy.get("/running")).get("running");
        assertEquals(1, running.size());
        assertEquals("alpha", running.get(0).get("model").asText());
        assertEquals("ready", running.get(0).get("state").asText());
        assertEquals(4242, running.get(0).get("pid").asLong());
        for (String field : List.of("cmd", "proxy", "ttl", "name", "description")) {
            assertTrue(running.get(0).has(field), "llama-swap's /running has " + field);
        }

        JsonNode error = postJson("/api/models/load/broken", 502).get("error");
        assertTrue(error.get("message").asText().contains("command not found"));
    }

    @Test
    void apiModelsDescribesEveryModel() throws Exception {
        proxy.engine.states.put("alpha", ProcessState.READY);
        JsonNode body = ProxyFixture.json(proxy.get("/api/models"));
        JsonNode models = body.get("models");
        assertEquals(7, models.size());
        JsonNode alpha = models.get(0);
        assertEquals("alpha", alpha.get("id").asText());
        assertEquals("a1", alpha.get("aliases").get(0).asText());
        assertEquals("ready", alpha.get("state").asText());
        assertEquals("duo", alpha.get("profiles").get(0).asText());
        for (String field : List.of("name", "port", "pid", "startedAt", "inFlight", "lastError", "ttlRemaining")) {
            assertTrue(alpha.has(field), field);
        }
        assertEquals("alpha", body.get("profiles").get("duo").get(0).asText());
    }

    /** llama-swap's {@code GET /api/version}, for clients that read it; from classes, not a jar, here. */
    @Test
    void versionIsAnsweredInLlamaSwapsShape() throws Exception {
        JsonNode version = ProxyFixture.json(proxy.get("/api/version"));
        assertEquals("development", version.path("version").asText());
        assertEquals(List.of("build_date", "commit", "version"), fieldNames(version));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }

    @Test
    void unloadStopsOneOrAll() throws Exception {
        proxy.engine.states.put("alpha", ProcessState.READY);
        proxy.engine.states.put("beta", ProcessState.READY);
        HttpResponse<String> one = proxy.post("/api/models/unload/a1", "");
        assertEquals(200, one.statusCode());
        assertEquals("OK", one.body(), "as llama-swap answers");
        assertEquals(ProcessState.STOPPED, proxy.engine.states.get("alpha"));
        HttpResponse<String> unload = proxy.get("/unload");
        assertEquals(200, unload.statusCode());
        assertEquals("OK", unload.body(), "as llama-swap answers");
        assertEquals(ProcessState.STOPPED, proxy.engine.states.get("beta"));
        assertEquals("ok", postJson("/api/models/unload", 200).get("msg").asText(), "as llama-swap answers");
        assertEquals(List.of("unload alpha", "unloadAll", "unloadAll"), proxy.engine.commands);
    }

    @Test
    void healthAndShutdown() throws Exception {
        var health = proxy.get("/health");
        assertEquals(200, health.statusCode());
        assertEquals("OK", health.body());
        postJson("/api/shutdown", 200);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!proxy.engine.isShuttingDown() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(proxy.engine.isShuttingDown());
    }
}
