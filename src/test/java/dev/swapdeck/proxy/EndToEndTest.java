package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.engine.SwapdeckEngine;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.testing.RunningDemoUpstream;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy over the real engine and router, forwarding to a real demo upstream child process. */
class EndToEndTest {
    private static RunningDemoUpstream demo;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private SwapdeckEngine engine;
    private ProxyServer server;
    private URI base;

    @BeforeAll
    static void startDemo() {
        demo = RunningDemoUpstream.start("--model", "demo");
    }

    @AfterAll
    static void stopDemo() {
        demo.close();
    }

    @BeforeEach
    void start() {
        ModelConfig demoModel = withLimit(ProxyTestModels.model("demo", demo.baseUri()), 1);
        SwapdeckConfig config = ProxyTestModels.config(Map.of(), demoModel);
        LogHub logs = new LogHub(new EventBus());
        engine = new SwapdeckEngine(config, logs, file -> {
            throw new UnsupportedOperationException();
        }, (model, cfg, hub) -> new AttachedProcess(model, hub.bus()), "http://127.0.0.1/v1");
        server = new ProxyServer(engine);
        base = URI.create("http://127.0.0.1:" + server.start("127.0.0.1", 0).getPort());
    }

    @AfterEach
    void stop() {
        server.stop();
        engine.shutdown().join();
    }

    private static ModelConfig withLimit(ModelConfig m, int limit) {
        return new ModelConfig(m.id(), m.name(), m.description(), m.cmd(), m.cmdStop(), m.proxy(), m.aliases(),
                m.env(), m.checkEndpoint(), m.ttl(), m.unlisted(), Optional.of("demo"), limit, Set.of(), m.port());
    }

    private HttpRequest chat(String json) {
        return HttpRequest.newBuilder(base.resolve("/v1/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    @Test
    void chatCompletionGoesThroughTheRouterToTheDemo() throws Exception {
        HttpResponse<String> response = client.send(chat(
                "{\"model\":\"demo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("Hello from demo"), response.body());
        JsonNode status = ProxyFixture.JSON.readTree(client.send(HttpRequest.newBuilder(base.resolve("/api/models"))
                .build(), HttpResponse.BodyHandlers.ofString()).body()).get("models").get(0);
        assertEquals("ready", status.get("state").asText());
        assertEquals(0, status.get("inFlight").asInt());
    }

    @Test
    void streamedTokensArriveOverTimeAndHoldTheOnlySlot() throws Exception {
        HttpResponse<InputStream> response = client.send(chat(
                "{\"model\":\"demo\",\"stream\":true,\"demo_delay_ms\":60,\"messages\":[]}"),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        List<Long> arrivals = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("data: {")) {
                    arrivals.add(System.nanoTime());
                    if (arrivals.size() == 1) {
                        HttpResponse<String> second = client.send(chat("{\"model\":\"demo\"}"),
                                HttpResponse.BodyHandlers.ofString());
                        assertEquals(429, second.statusCode(), "concurrencyLimit 1 is held by the stream");
                        assertTrue(second.headers().firstValue("Retry-After").isPresent());
                    }
                }
            }
        }
        assertTrue(arrivals.size() >= 3, "chunks: " + arrivals.size());
        long spreadMillis = (arrivals.get(arrivals.size() - 1) - arrivals.get(0)) / 1_000_000;
        assertTrue(spreadMillis >= 60, "tokens arrived together: " + spreadMillis + " ms");
        HttpResponse<String> after = client.send(chat("{\"model\":\"demo\"}"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, after.statusCode(), "the slot is free once the stream ended");
    }

    @Test
    void upstreamErrorStatusPassesThrough() throws Exception {
        HttpResponse<String> response = client.send(chat("{\"model\":\"demo\",\"demo_status\":418}"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(418, response.statusCode());
        assertTrue(response.body().contains("error"), response.body());
    }
}
