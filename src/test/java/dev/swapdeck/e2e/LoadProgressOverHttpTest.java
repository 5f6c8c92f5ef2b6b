package dev.swapdeck.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.engine.EngineHarness;
import dev.swapdeck.engine.SwapdeckEngine;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.loading.LoadProgress;
import dev.swapdeck.loading.LoadTimes;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.process.ChildProcess;
import dev.swapdeck.proxy.ProxyServer;
import dev.swapdeck.state.StateFolder;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.EventRecorder;
import dev.swapdeck.testing.TestModels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Load progress over real starts of a real upstream process that takes a while to become healthy. */
class LoadProgressOverHttpTest {
    private static final Duration SOON = Duration.ofSeconds(20);
    private static final int HEALTH_DELAY_MS = 1200;

    @Test
    void theFirstStartIsIndeterminateAndItsLoadTimePredictsTheSecond(@TempDir Path state) throws Exception {
        LogHub logs = new LogHub(new EventBus());
        SwapdeckEngine engine = new SwapdeckEngine(
                TestModels.config(TestModels.demo("a", "--health-delay-ms", Integer.toString(HEALTH_DELAY_MS))), logs,
                ConfigLoader::load, (model, cfg, hub) -> new ChildProcess(model, cfg.healthCheckTimeout(),
                        EngineHarness.TEST_STOP_GRACE, hub), "http://127.0.0.1:0/v1", new StateFolder(state));
        ProxyServer server = new ProxyServer(engine);
        URI base = URI.create("http://127.0.0.1:" + server.start("127.0.0.1", 0).getPort());
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (EventRecorder<LoadProgress> progress = EventRecorder.record(logs.bus(), LoadProgress.class)) {
            CompletableFuture<Void> first = engine.load("a");
            JsonNode starting = awaitLoadProgress(client, base);
            assertTrue(starting.path("indeterminate").asBoolean(), starting.toString());
            assertTrue(starting.path("fraction").isNull() && starting.path("remainingMs").isNull(), starting.toString());
            first.get(30, TimeUnit.SECONDS);
            LoadProgress firstDone = progress.await(LoadProgress::finished, SOON);
            Duration learned = firstDone.expected().orElseThrow();
            assertTrue(learned.toMillis() >= HEALTH_DELAY_MS, "learned " + learned);
            engine.unload("a").get(30, TimeUnit.SECONDS);

            long before = progress.events().size();
            CompletableFuture<Void> second = engine.load("a");
            JsonNode during = awaitLoadProgress(client, base);
            assertEquals(learned.toMillis(), during.path("expectedMs").asLong(), during.toString());
            assertTrue(!during.path("indeterminate").asBoolean() && during.path("fraction").asDouble() < 1, during.toString());
            second.get(30, TimeUnit.SECONDS);
            LoadProgress secondDone = progress.await(p -> p.finished() && progress.events().indexOf(p) >= before, SOON);
            double error = Math.abs(secondDone.elapsed().toMillis() - learned.toMillis()) / (double) learned.toMillis();
            assertTrue(error < 0.5, "predicted " + learned.toMillis() + " ms, took " + secondDone.elapsed().toMillis());
            assertTrue(progress.matching(p -> !p.finished() && p.fraction().isPresent()).size() >= 2,
                    "the second start published progress while it ran: " + progress.events());
        } finally {
            server.stop();
            engine.shutdown().get(30, TimeUnit.SECONDS);
        }
        assertTrue(LoadTimes.in(new StateFolder(state), problem -> { }).expected("a").isPresent(),
                "the next run knows the load time");
    }

    /** {@code loadProgress} of model a in {@code /api/models}, once it is starting. */
    private static JsonNode awaitLoadProgress(HttpClient client, URI base) {
        JsonNode[] found = new JsonNode[1];
        Await.until("a's load progress in /api/models", SOON, () -> {
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/api/models")).GET()
                        .build(), HttpResponse.BodyHandlers.ofString());
                found[0] = LiveSwapdeck.JSON.readTree(response.body()).path("models").get(0).path("loadProgress");
                return found[0].isObject() && found[0].path("elapsedMs").asLong() > 100;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return found[0];
    }
}
