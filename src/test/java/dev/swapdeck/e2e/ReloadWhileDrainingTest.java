package dev.swapdeck.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.activity.ActivityRecord;
import dev.swapdeck.config.ConfigException;
import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.engine.EngineHarness;
import dev.swapdeck.process.ShuttingDownException;
import dev.swapdeck.routing.RoutingException;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.DemoYaml;
import dev.swapdeck.testing.FreePorts;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests that arrive while a reload waits for a changed model's answers to finish: they wait for
 * the new configuration and are served as it says, by the name they asked for (README, "Reloading the
 * configuration"): its body rewritten for the new settings, a model it adds served rather than refused
 * as unknown, the request counted under the model that served it.
 */
class ReloadWhileDrainingTest {
    private static final Duration SOON = Duration.ofSeconds(30);
    private static final String LONG_STREAM = "\"stream\":true,\"max_tokens\":40,\"demo_delay_ms\":50";

    @Test
    void aWaitingRequestIsSentWithTheNewSettingsAndANewModelIsServed(@TempDir Path dir) throws Exception {
        int portE = FreePorts.loopback();
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "models:\n" + DemoYaml.model("e", portE, List.of(), "useModelName: OLD-NAME"));
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(new EngineHarness(ConfigLoader.load(file)))) {
            CompletableFuture<HttpResponse<String>> busy = busy(swapdeck, "e");

            Files.writeString(file, "models:\n" + DemoYaml.model("e", portE, List.of(), "useModelName: NEW-NAME")
                    + DemoYaml.model("b", FreePorts.loopback(), List.of()));
            CompletableFuture<?> reload = swapdeck.core.engine.reload(file);
            awaitHandOver(swapdeck, "b");
            CompletableFuture<HttpResponse<String>> toE = swapdeck.chatAsync("e", "");
            CompletableFuture<HttpResponse<String>> toB = swapdeck.chatAsync("b", "");
            assertFalse(reload.isDone(), "the reload waits for e's stream");

            assertEquals(200, busy.get(30, TimeUnit.SECONDS).statusCode());
            reload.get(30, TimeUnit.SECONDS);
            HttpResponse<String> e = toE.get(30, TimeUnit.SECONDS);
            assertEquals(200, e.statusCode(), e.body());
            assertEquals("NEW-NAME", LiveSwapdeck.JSON.readTree(e.body()).path("received").path("model").asText(), e.body());
            HttpResponse<String> b = toB.get(30, TimeUnit.SECONDS);
            assertEquals(200, b.statusCode(), b.body());
            assertEquals("b", LiveSwapdeck.servedBy(b));
        }
    }

    @Test
    void aRenamedModelCountsItsRequestsAndARemovedNameIsNobodys(@TempDir Path dir) throws Exception {
        int port = FreePorts.loopback();
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "models:\n" + DemoYaml.model("e", port, List.of(), "aliases: [ee]"));
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(new EngineHarness(ConfigLoader.load(file)))) {
            CompletableFuture<HttpResponse<String>> busy = busy(swapdeck, "e");

            Files.writeString(file, "models:\n" + DemoYaml.model("e2", port, List.of(), "aliases: [ee]"));
            CompletableFuture<?> reload = swapdeck.core.engine.reload(file);
            awaitHandOver(swapdeck, "e2");
            CompletableFuture<HttpResponse<String>> byAlias = swapdeck.chatAsync("ee", "");
            CompletableFuture<HttpResponse<String>> byOldName = swapdeck.chatAsync("e", "");
            Await.until("both waiting", SOON, () -> swapdeck.core.engine.activity().waiting("e") == 2);

            assertEquals(200, busy.get(30, TimeUnit.SECONDS).statusCode());
            reload.get(30, TimeUnit.SECONDS);
            assertEquals(200, byAlias.get(30, TimeUnit.SECONDS).statusCode());
            assertEquals(404, byOldName.get(30, TimeUnit.SECONDS).statusCode());
            Await.until("both recorded", SOON, () -> swapdeck.core.engine.activity().recent().size() >= 3);
            List<ActivityRecord> records = swapdeck.core.engine.activity().recent();
            assertTrue(records.stream().anyMatch(r -> r.model().equals("e2") && r.status() == 200 && r.routed()),
                    records.toString());
            assertTrue(records.stream().anyMatch(r -> r.model().equals("e") && r.status() == 404 && !r.routed()),
                    records.toString());
        }
    }

    @Test
    void aRequestWaitingForAReloadThatAShutdownEndsIsToldItIsShuttingDown(@TempDir Path dir) throws Exception {
        int port = FreePorts.loopback();
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "models:\n" + DemoYaml.model("e", port, List.of()));
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(new EngineHarness(ConfigLoader.load(file)))) {
            busy(swapdeck, "e");
            Files.writeString(file, "models:\n" + DemoYaml.model("e", port, List.of(), "description: changed")
                    + DemoYaml.model("x", FreePorts.loopback(), List.of()));
            CompletableFuture<?> reload = swapdeck.core.engine.reload(file);
            awaitHandOver(swapdeck, "x");
            CompletableFuture<HttpResponse<String>> waiting = swapdeck.chatAsync("e", "");
            Await.until("waiting", SOON, () -> swapdeck.core.engine.activity().waiting("e") == 1);

            swapdeck.core.engine.shutdown();
            HttpResponse<String> refused = waiting.get(30, TimeUnit.SECONDS);
            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("shutting down"), refused.body());
            ExecutionException ended = assertThrows(ExecutionException.class, () -> reload.get(30, TimeUnit.SECONDS));
            assertInstanceOf(ShuttingDownException.class, ended.getCause(),
                    "POST /api/config/reload answers 503, not 400 'fix these'");
        }
    }

    @Test
    void aBrokenFileSavedWhileAReloadWaitsIsRefusedAtOnce(@TempDir Path dir) throws Exception {
        int port = FreePorts.loopback();
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "models:\n" + DemoYaml.model("e", port, List.of()));
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(new EngineHarness(ConfigLoader.load(file)))) {
            CompletableFuture<HttpResponse<String>> busy = busy(swapdeck, "e");
            Files.writeString(file, "models:\n" + DemoYaml.model("e", port, List.of(), "description: changed")
                    + DemoYaml.model("x", FreePorts.loopback(), List.of()));
            CompletableFuture<?> waiting = swapdeck.core.engine.reload(file);
            awaitHandOver(swapdeck, "x");

            Files.writeString(file, "models:\n  e:\n    cmd: echo ${PORT}\n    ttl: soon\n");
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> swapdeck.core.engine.reload(file).get(30, TimeUnit.SECONDS));

            assertInstanceOf(ConfigException.class, refused.getCause());
            assertFalse(waiting.isDone(), "refused while the reload before it still waits for e's stream");
            assertEquals(200, busy.get(30, TimeUnit.SECONDS).statusCode());
            waiting.get(30, TimeUnit.SECONDS);
            assertEquals(List.of("e", "x"), List.copyOf(swapdeck.core.engine.config().models().keySet()));
        }
    }

    /** Waits until the reload has begun to hand over: the name it adds is known (while it drains, too). */
    private static void awaitHandOver(LiveSwapdeck swapdeck, String added) {
        Await.until("the hand-over", SOON, () -> {
            try {
                swapdeck.core.engine.upstreams().resolve(added);
                return true;
            } catch (RoutingException e) {
                return false;
            }
        });
    }

    /** Loads {@code model} and holds it with a stream of about 2 s, under way when this returns. */
    private static CompletableFuture<HttpResponse<String>> busy(LiveSwapdeck swapdeck, String model) throws Exception {
        swapdeck.core.engine.load(model).get(30, TimeUnit.SECONDS);
        CompletableFuture<HttpResponse<String>> stream = swapdeck.chatAsync(model, LONG_STREAM);
        Await.until(model + " busy", SOON, () -> swapdeck.core.status(model).inFlight() == 1);
        return stream;
    }
}
