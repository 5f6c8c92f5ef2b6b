package dev.swapdeck.e2e;

import static dev.swapdeck.e2e.LiveSwapdeck.servedBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.testing.Await;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** llama-swap's swap rules as a client meets them: real demo servers, real HTTP, llama-swap YAML. */
class LlamaSwapRulesOverHttpTest {

    private static void served(LiveSwapdeck swapdeck, String requested, String expectedModel) throws Exception {
        HttpResponse<String> response = swapdeck.chat(requested, "");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(expectedModel, servedBy(response));
    }

    @Test
    void aPersistentGroupMemberSurvivesARequestToAnotherGroup() throws Exception {
        var config = RulesYaml.config("embed chat-a chat-b", String.join("\n",
                "groups:",
                "  always:",
                "    persistent: true",
                "    swap: false",
                "    exclusive: false",
                "    members: [embed]",
                "  chat:",
                "    members: [chat-a, chat-b]",
                ""));
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(config)) {
            served(swapdeck, "embed", "embed");
            long embedPid = swapdeck.core.status("embed").process().pid().orElseThrow();
            served(swapdeck, "chat-a", "chat-a");
            served(swapdeck, "chat-b", "chat-b");
            assertEquals(ProcessState.STOPPED, swapdeck.core.state("chat-a"), "swap: true members take turns");
            assertEquals(ProcessState.READY, swapdeck.core.state("embed"));
            assertEquals(embedPid, swapdeck.core.status("embed").process().pid().orElseThrow(), "never restarted");
        }
    }

    @Test
    void swapFalseMembersRunTogetherAndANonExclusiveGroupLeavesOthersRunning() throws Exception {
        var config = RulesYaml.config("coder helper big", String.join("\n",
                "routing:",
                "  router:",
                "    use: group",
                "    settings:",
                "      groups:",
                "        pair:",
                "          swap: false",
                "          exclusive: false",
                "          members: [coder, helper]",
                ""));
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(config)) {
            served(swapdeck, "big", "big");
            served(swapdeck, "coder", "coder");
            served(swapdeck, "helper", "helper");
            assertEquals(ProcessState.READY, swapdeck.core.state("coder"), "swap: false: members run together");
            assertEquals(ProcessState.READY, swapdeck.core.state("big"), "exclusive: false: other groups stay");
            served(swapdeck, "big", "big");
            served(swapdeck, "coder", "coder");
        }
    }

    @Test
    void aMatrixEvictsTheCheapestSet() throws Exception {
        var config = RulesYaml.config("llm tts image", String.join("\n",
                "routing:",
                "  router:",
                "    use: matrix",
                "    settings:",
                "      matrix:",
                "        vars: {l: llm, t: tts}",
                "        evict_costs: {t: 10}",
                "        sets:",
                "          voice: l & t",
                "          art: (l | t) & image",
                "          media: t & image",
                ""));
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(config)) {
            served(swapdeck, "llm", "llm");
            served(swapdeck, "tts", "tts");
            assertEquals(ProcessState.READY, swapdeck.core.state("llm"), "the voice set lets both run");
            served(swapdeck, "image", "image");
            assertEquals(ProcessState.STOPPED, swapdeck.core.state("llm"), "evicting llm costs 1, tts 10");
            assertEquals(ProcessState.READY, swapdeck.core.state("tts"));
            JsonNode models = LiveSwapdeck.JSON.readTree(swapdeck.get("/api/models").body());
            assertEquals("matrix", models.path("routing").path("router").asText());
            assertEquals("image", models.path("models").get(0).path("id").asText());
            assertEquals("[\"art\",\"media\"]", models.path("models").get(0).path("routing").path("matrixSets").toString());
        }
    }

    @Test
    void aWarmSelectorPicksTheReadyTarget() throws Exception {
        var config = RulesYaml.config("first second", String.join("\n",
                "selectors:",
                "  best-loaded:",
                "    strategy: warm",
                "    targets: [first, second]",
                ""));
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(config)) {
            JsonNode listed = LiveSwapdeck.JSON.readTree(swapdeck.get("/v1/models").body()).path("data");
            assertEquals("best-loaded", listed.get(0).path("id").asText(), "selectors are listed as llama-swap lists them");
            assertEquals("selector", listed.get(0).path("meta").path("llamaswap").path("type").asText());
            assertEquals("unloaded", listed.get(0).path("status").path("value").asText(), "no target running");
            served(swapdeck, "second", "second");
            JsonNode warm = LiveSwapdeck.JSON.readTree(swapdeck.get("/v1/models").body()).path("data").get(0);
            assertEquals("loaded", warm.path("status").path("value").asText(), "a target it would pick is ready");
            served(swapdeck, "best-loaded", "second");
            assertEquals(ProcessState.STOPPED, swapdeck.core.state("first"), "a warm selector starts nothing");
            swapdeck.core.engine.unloadAll().get();
            served(swapdeck, "best-loaded", "first");
        }
    }

    @Test
    void aPinRoutesToItsTargetAndSwitchingTheProfileChangesIt() throws Exception {
        var config = RulesYaml.config("fast smart", String.join("\n",
                "profiles:",
                "  quick:",
                "    description: speed first",
                "    pins: {assistant: fast, smart: ~}",
                "  careful:",
                "    pins: {assistant: smart}",
                ""));
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(config)) {
            assertEquals(404, swapdeck.chat("assistant", "").statusCode(), "no profile active: no pin");
            assertEquals(200, put(swapdeck, "{\"name\":\"quick\"}").statusCode());
            served(swapdeck, "assistant", "fast");
            JsonNode listed = LiveSwapdeck.JSON.readTree(swapdeck.get("/v1/models").body()).path("data");
            assertEquals("assistant", listed.get(0).path("id").asText(), "the active profile's pins are listed");
            assertEquals("profile", listed.get(0).path("meta").path("llamaswap").path("type").asText());
            assertEquals("unloaded", listed.get(0).path("status").path("value").asText(), "as llama-swap lists a pin");
            assertEquals(404, swapdeck.chat("smart", "").statusCode(), "a pin to ~ disables the name");
            assertEquals(200, put(swapdeck, "{\"name\":\"careful\"}").statusCode());
            served(swapdeck, "assistant", "smart");
            JsonNode profiles = LiveSwapdeck.JSON.readTree(swapdeck.get("/api/profiles").body());
            assertEquals("careful", profiles.path("active").asText());
            assertEquals("speed first", profiles.path("profiles").get(1).path("description").asText());
            assertEquals("", profiles.path("profiles").get(1).path("pins").path("smart").asText());
            assertEquals(404, put(swapdeck, "{\"name\":\"missing\"}").statusCode());
            assertEquals(200, put(swapdeck, "{\"name\":null}").statusCode());
            assertTrue(LiveSwapdeck.JSON.readTree(swapdeck.get("/api/profiles").body()).path("active").isNull());
        }
    }

    /** As llama-swap's management routes: a pin steers requests, never which model a command names. */
    @Test
    void loadAndUnloadNameTheModelItselfWhileAPinSendsItsRequestsElsewhere() throws Exception {
        var config = RulesYaml.config("real hidden", String.join("\n",
                "groups:",
                "  both:",
                "    swap: false",
                "    members: [real, hidden]",
                "profiles:",
                "  elsewhere:",
                "    pins: {real: hidden}",
                "  off:",
                "    pins: {real: ~}",
                ""));
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(config)) {
            assertEquals(200, put(swapdeck, "{\"name\":\"elsewhere\"}").statusCode());
            assertEquals(200, post(swapdeck, "/api/models/load/real", "").statusCode());
            assertEquals(ProcessState.READY, swapdeck.core.state("real"));
            assertEquals(ProcessState.STOPPED, swapdeck.core.state("hidden"));
            served(swapdeck, "real", "hidden");

            assertEquals(200, post(swapdeck, "/api/models/unload/real", "").statusCode());
            assertEquals(ProcessState.STOPPED, swapdeck.core.state("real"));
            assertEquals(ProcessState.READY, swapdeck.core.state("hidden"), "the pin's target is not what was named");

            assertEquals(200, put(swapdeck, "{\"name\":\"off\"}").statusCode());
            assertEquals(200, post(swapdeck, "/models/load", "{\"model\":\"real\"}").statusCode());
            Await.until("real ready", java.time.Duration.ofSeconds(20),
                    () -> swapdeck.core.state("real") == ProcessState.READY);
            assertEquals(200, post(swapdeck, "/api/models/unload/real", "").statusCode(), "a pin to ~ disables requests only");
            assertEquals(ProcessState.STOPPED, swapdeck.core.state("real"));
        }
    }

    private static HttpResponse<String> post(LiveSwapdeck swapdeck, String path, String body) throws Exception {
        return swapdeck.client.send(HttpRequest.newBuilder(swapdeck.base.resolve(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> put(LiveSwapdeck swapdeck, String body) throws Exception {
        return swapdeck.client.send(HttpRequest.newBuilder(swapdeck.base.resolve("/api/profiles/active"))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
