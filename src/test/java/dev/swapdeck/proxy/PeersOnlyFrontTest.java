package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.ConfigException;
import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.engine.ProcessFactory;
import dev.swapdeck.engine.SwapdeckEngine;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogHub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A front Swapdeck on a machine without a GPU lists only {@code peers:}, as llama-swap allows: it loads,
 * lists the peers' models and forwards to them.
 */
class PeersOnlyFrontTest {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aConfigurationWithPeersAndNoModelsServesThePeers() throws Exception {
        try (TestUpstream peer = new TestUpstream()) {
            SwapdeckConfig config = ConfigLoader.parse("peers:\n  gpu-box:\n    proxy: " + peer.uri() + "\n    models: [qwen]\n",
                    "config.yaml", Optional.empty());
            assertTrue(config.models().isEmpty());
            SwapdeckEngine engine = new SwapdeckEngine(config, new LogHub(new EventBus()), ConfigLoader::load,
                    ProcessFactory.childProcesses(), "http://127.0.0.1:0/v1");
            ProxyServer server = new ProxyServer(engine);
            try {
                URI base = URI.create("http://127.0.0.1:" + server.start("127.0.0.1", 0).getPort());
                HttpResponse<String> models = client.send(HttpRequest.newBuilder(base.resolve("/v1/models")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals("gpu-box/qwen", ProxyFixture.JSON.readTree(models.body()).path("data").get(0).path("id").asText(),
                        models.body());
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(base.resolve("/v1/chat/completions"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"qwen\",\"messages\":[]}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, answer.statusCode(), answer.body());
                assertEquals("/v1/chat/completions", peer.next().uri());
            } finally {
                server.stop();
                engine.shutdown().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aConfigurationWithNeitherIsStillRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("peers: {}\nlogLevel: info\n", "config.yaml", Optional.empty()));
        assertEquals("config.yaml:1:1: models: no models: section; it maps each model id to at least a cmd (or list peers:"
                + " to forward to)", e.problems().get(0).toString());
    }
}
