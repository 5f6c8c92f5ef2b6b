package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.process.ProcessState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The routing names llama-swap adds to {@code /v1/models}, and those it leaves out. */
class RoutingListingTest {
    private static final String CONFIG = String.join("\n",
            "models:",
            "  p1: {cmd: /bin/true, proxy: 'http://127.0.0.1:9'}",
            "  p2: {cmd: /bin/true, proxy: 'http://127.0.0.1:9', aliases: [p2a]}",
            "  hidden: {cmd: /bin/true, proxy: 'http://127.0.0.1:9', unlisted: true, aliases: [hidden-a]}",
            "peers:",
            "  far: {proxy: 'http://127.0.0.1:9', models: [remote]}",
            "selectors:",
            "  llm-plan: {strategy: pin, targets: [p1]}",
            "  quiet: {strategy: warm, targets: [p2], unlisted: true}",
            "  coding: {strategy: warm, targets: [p2, p1], name: ' Coding ',"
                    + " metadata: {purpose: coding, weight: 3}}",
            "profiles:",
            "  work:",
            "    pins: {llm: p1, p2a: p1, p2: p1, off: ~, llm-plan: p2, quiet: p1, hidden-a: p2, remote: p1}",
            "");

    @Test
    void aPinNamedAsAnythingElseIsNotListedAgain() throws Exception {
        SwapdeckConfig config = ConfigLoader.parse(CONFIG, "config.yaml", Optional.empty());
        ObjectNode list = ModelListing.of(config, 0, Optional.of("work"));
        List<String> ids = StreamSupport.stream(list.path("data").spliterator(), false)
                .map(entry -> entry.path("id").asText()).toList();
        assertEquals(List.of("coding", "far/remote", "llm", "llm-plan", "p1", "p2"), ids,
                "models, aliases (listed or not), selectors (listed or not) and peers' models are each one entry;"
                        + " off leads nowhere; only llm is a pin of its own");
        assertEquals("profile", entry(list, "llm").path("meta").path("llamaswap").path("type").asText());
        assertEquals("selector", entry(list, "llm-plan").path("meta").path("llamaswap").path("type").asText());
    }

    @Test
    void aSelectorListsItsNameAndMetadataAsLlamaSwapDoes() throws Exception {
        SwapdeckConfig config = ConfigLoader.parse(CONFIG, "config.yaml", Optional.empty());
        JsonNode coding = entry(ModelListing.of(config, 0, Optional.empty()), "coding");
        assertEquals("Coding", coding.path("name").asText());
        JsonNode meta = coding.path("meta").path("llamaswap");
        assertEquals("coding", meta.path("purpose").asText());
        assertEquals(3, meta.path("weight").asInt(), "a number stays a number");
        assertEquals("warm", meta.path("strategy").asText());
        assertEquals(List.of("p2", "p1"), StreamSupport.stream(meta.path("targets").spliterator(), false)
                .map(JsonNode::asText).toList());
    }

    @Test
    void aPinSelectorWhoseFirstTargetIsUnknownReadsAsTheModelItRoutesTo() throws Exception {
        FakeEngine engine = new FakeEngine(ConfigLoader.parse(String.join("\n",
                "models:",
                "  p1: {cmd: /bin/true, proxy: 'http://127.0.0.1:9'}",
                "selectors:",
                "  first-ghost: {strategy: pin, targets: [ghost, p1]}",
                ""), "config.yaml", Optional.empty()));
        engine.states.put("p1", ProcessState.READY);
        ProxyServer server = new ProxyServer(engine);
        try {
            URI base = URI.create("http://127.0.0.1:" + server.start("127.0.0.1", 0).getPort());
            HttpResponse<String> list = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(base.resolve("/v1/models")).build(), HttpResponse.BodyHandlers.ofString());
            ObjectNode body = (ObjectNode) ProxyFixture.JSON.readTree(list.body());
            assertEquals("loaded", entry(body, "first-ghost").path("status").path("value").asText(),
                    "routing skips the unknown target and picks p1, which is ready: " + list.body());
        } finally {
            server.stop();
        }
    }

    private static JsonNode entry(ObjectNode list, String id) {
        return StreamSupport.stream(list.path("data").spliterator(), false)
                .filter(e -> e.path("id").asText().equals(id)).findFirst().orElseThrow();
    }
}
