package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.engine.ProcessFactory;
import dev.swapdeck.engine.SwapdeckEngine;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.testing.DemoYaml;
import dev.swapdeck.testing.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code peers:} through the real engine: a second server stands in for the remote machine; the
 * local model, served by a real process if it were started, must never be.
 */
class PeerForwardingTest {
    private TestUpstream peer;
    private SwapdeckEngine engine;
    private ProxyServer server;
    private URI base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        peer = new TestUpstream();
        SwapdeckConfig config = ConfigLoader.parse(String.join("\n",
                "models:",
                DemoYaml.model("local", FreePorts.loopback(), List.of()),
                "peers:",
                "  gpu-box:",
                "    proxy: " + peer.uri() + "/api/",
                "    apiKey: sk-peer-secret",
                "    models: [qwen/qwen3, shared]",
                "    filters:",
                "      stripParams: temperature",
                "      setParams:",
                "        provider: {zdr: true}",
                "  other-box:",
                "    proxy: " + peer.uri(),
                "    models: [shared]",
                ""), "config.yaml", Optional.empty());
        engine = new SwapdeckEngine(config, new LogHub(new EventBus()), ConfigLoader::load,
                ProcessFactory.childProcesses(), "http://127.0.0.1:0/v1");
        server = new ProxyServer(engine);
        base = URI.create("http://127.0.0.1:" + server.start("127.0.0.1", 0).getPort());
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        engine.shutdown().get(30, TimeUnit.SECONDS);
        peer.close();
    }

    @Test
    void aPeersModelGoesToThePeerWithItsKeyAndFiltersAndStartsNothing() throws Exception {
        for (String name : List.of("gpu-box/qwen/qwen3", "qwen/qwen3")) {
            HttpResponse<String> answer = chat(name, "Bearer client-key-for-swapdeck");
            assertEquals(200, answer.statusCode(), answer.body());
            TestUpstream.Received received = peer.next();
            assertEquals("/api/v1/chat/completions", received.uri(), "the request path follows the peer's base path");
            assertEquals(List.of("Bearer sk-peer-secret"), header(received, "Authorization"), "the client's key is replaced");
            assertEquals(List.of("sk-peer-secret"), header(received, "x-api-key"));
            JsonNode body = ProxyFixture.JSON.readTree(received.bodyText());
            assertEquals("qwen/qwen3", body.path("model").asText(), "the peer's own name for the model");
            assertFalse(body.has("temperature"));
            assertTrue(body.path("provider").path("zdr").asBoolean());
        }
        assertEquals(ProcessState.STOPPED, engine.models().get(0).process().state(), "no local model was started");
        assertTrue(engine.models().get(0).process().pid().isEmpty());
    }

    @Test
    void aPeerWithoutKeyPassesTheClientsCredentialsAndAmbiguousNamesNeedThePeer() throws Exception {
        HttpResponse<String> ambiguous = chat("shared", "Bearer mine");
        assertEquals(404, ambiguous.statusCode(), "two peers serve it: ambiguous");
        assertTrue(ambiguous.body().contains("'shared' is served by 2 peers; name one of "), ambiguous.body());
        assertTrue(ambiguous.body().contains("other-box/shared"), ambiguous.body());
        assertEquals(200, chat("other-box/shared", "Bearer mine").statusCode());
        TestUpstream.Received received = peer.next();
        assertEquals("/v1/chat/completions", received.uri());
        assertEquals(List.of("Bearer mine"), header(received, "Authorization"));
    }

    @Test
    void upstreamPassthroughToAPeerForwardsModelRoutesOnly() throws Exception {
        for (String control : List.of("/api/shutdown", "/api/models/unload", "/logs", "/running")) {
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(
                    base.resolve("/upstream/gpu-box/qwen/qwen3" + control + "?x=1")).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, refused.statusCode(), control + ": " + refused.body());
            assertTrue(refused.body().contains("peer_control_route"), refused.body());
        }
        for (String climbing : List.of("/v1/../api/shutdown", "/v1/%2e%2E/api/shutdown", "/v1/..%2fapi/shutdown",
                "/v1/models/../../logs", "/v1/.%2E%5Capi/shutdown", "/v1/./models")) {
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(
                    URI.create(base + "/upstream/gpu-box/qwen/qwen3" + climbing))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, refused.statusCode(), climbing + ": " + refused.body());
        }
        assertTrue(peer.received.isEmpty(), "no control route reached the peer");
        HttpResponse<String> model = client.send(HttpRequest.newBuilder(
                base.resolve("/upstream/gpu-box/qwen/qwen3/v1/models")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, model.statusCode(), model.body());
        assertEquals("/api/v1/models", peer.next().uri());
    }

    @Test
    void aPageThisServerAdmitsIsNotJudgedAgainByThePeer() throws Exception {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(base.resolve("/v1/chat/completions"))
                .header("Content-Type", "application/json").header("Origin", "http://localhost:3000")
                .header("Sec-Fetch-Site", "same-site").header("Sec-Fetch-Mode", "cors")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpu-box/qwen/qwen3\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        TestUpstream.Received received = peer.next();
        for (String browsers : List.of("Origin", "Sec-Fetch-Site", "Sec-Fetch-Mode")) {
            assertEquals(List.of(), header(received, browsers), browsers + " stays with this server");
        }
    }

    @Test
    void peersModelsAreListedAsRemote() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/v1/models")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode data = ProxyFixture.JSON.readTree(response.body()).path("data");
        assertEquals(4, data.size(), response.body());
        JsonNode qwen = data.get(0);
        assertEquals("gpu-box/qwen/qwen3", qwen.path("id").asText());
        assertEquals("gpu-box: qwen/qwen3", qwen.path("name").asText());
        assertEquals("peer", qwen.path("meta").path("llamaswap").path("type").asText());
        assertEquals("gpu-box", qwen.path("meta").path("llamaswap").path("peerID").asText());
        assertEquals("unloaded", qwen.path("status").path("value").asText(), "every entry has a status, as in llama-swap");
        assertFalse(response.body().contains("sk-peer-secret"), "a peer's key is never shown");
        HttpResponse<String> status = client.send(HttpRequest.newBuilder(base.resolve("/api/models")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode remote = ProxyFixture.JSON.readTree(status.body()).path("remote");
        assertEquals(3, remote.size(), status.body());
        assertEquals("gpu-box", remote.get(0).path("peer").asText());
        assertEquals("remote", remote.get(0).path("state").asText());
        assertFalse(status.body().contains("sk-peer-secret"));
        assertEquals(3, engine.remoteModels().size());
    }

    /** A mistyped peer/model name is answered with every name, the peers' ones included. */
    @Test
    void anUnknownNameIsAnsweredWithThePeersModelsToo() throws Exception {
        HttpResponse<String> answer = chat("gpu-box/qwen3", "Bearer x");
        assertEquals(404, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("configured: local, gpu-box/qwen/qwen3, gpu-box/shared, other-box/shared"),
                answer.body());
    }

    /** Peers start and stop their own models: a load or unload of one is refused as llama-swap refuses it. */
    @Test
    void aPeersModelIsNeitherLoadedNorUnloadedHere() throws Exception {
        for (String[] call : new String[][] {
                {"/api/models/load/qwen/qwen3", ""}, {"/api/models/unload/gpu-box/qwen/qwen3", ""},
                {"/models/load", "{\"model\":\"qwen/qwen3\"}"}, {"/models/unload", "{\"model\":\"qwen/qwen3\"}"}}) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(base.resolve(call[0]))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(call[1])).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, answer.statusCode(), call[0] + ": " + answer.body());
            assertTrue(answer.body().contains("served by peer gpu-box"), call[0] + ": " + answer.body());
        }
        assertTrue(peer.received.isEmpty(), "nothing was sent to the peer");
    }

    private HttpResponse<String> chat(String model, String authorization) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve("/v1/chat/completions"))
                .header("Content-Type", "application/json").header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"temperature\":0.2}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> header(TestUpstream.Received received, String name) {
        return received.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .findFirst().map(e -> e.getValue()).orElse(List.of());
    }
}
