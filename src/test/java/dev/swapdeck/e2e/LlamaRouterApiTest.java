package dev.swapdeck.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.routing.ModelStatus;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.TestModels;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A client written for llama-server's router mode, driving real model processes through Swapdeck. */
class LlamaRouterApiTest {
    private static final Duration SOON = Duration.ofSeconds(20);

    @Test
    void loadAndUnloadInLlamaCppShapesShowInModelsAndItsEventStream() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(
                TestModels.demo("a", "--health-delay-ms", "300"), TestModels.demo("b")))) {
            HttpResponse<String> list = swapdeck.get("/models");
            assertEquals(200, list.statusCode());
            assertEquals(list.body(), swapdeck.get("/v1/models").body(), "one list for both routes");
            JsonNode first = LiveSwapdeck.JSON.readTree(list.body()).path("data").get(0);
            assertEquals("a", first.path("id").asText());
            assertEquals("model", first.path("object").asText());
            assertEquals("unloaded", first.path("status").path("value").asText());

            List<String> events = swapdeck.follow("/models/sse");
            Await.until("the event stream connected", SOON, () -> swapdeck.core.logs.bus().subscriberCount() > 0
                    && !events.isEmpty());

            HttpResponse<String> loaded = post(swapdeck, "/models/load", "{\"model\":\"a\"}");
            assertEquals(200, loaded.statusCode(), loaded.body());
            assertEquals(true, LiveSwapdeck.JSON.readTree(loaded.body()).path("success").asBoolean());
            awaitStatus(swapdeck, "a", "loaded");
            Await.until(() -> "loading then loaded on /models/sse: " + events, SOON,
                    () -> indexOf(events, "a", "loading") >= 0 && indexOf(events, "a", "loaded") > indexOf(events, "a", "loading"));

            HttpResponse<String> unloaded = post(swapdeck, "/models/unload", "{\"model\":\"a\"}");
            assertEquals(200, unloaded.statusCode(), unloaded.body());
            awaitStatus(swapdeck, "a", "unloaded");
            Await.until(() -> "unloaded on /models/sse: " + events, SOON, () -> indexOf(events, "a", "unloaded") >= 0);
        }
    }

    @Test
    void aModelWaitingForASwapReadsAsLoadingFromItsLoadOn() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a"), TestModels.demo("b")))) {
            loaded(swapdeck, "a");
            CompletableFuture<HttpResponse<String>> answer = swapdeck.chatAsync("a",
                    "\"stream\":true,\"max_tokens\":10,\"demo_delay_ms\":200");
            Await.until("a serving a two-second answer", SOON, () -> swapdeck.core.engine.models().stream()
                    .anyMatch(m -> m.id().equals("a") && m.inFlight() == 1));

            assertEquals(200, post(swapdeck, "/models/load", "{\"model\":\"b\"}").statusCode());

            assertEquals("loading", modelStatus(swapdeck, "b").path("value").asText(),
                    "b waits for a's answer to end before it starts, and reads as loading meanwhile");
            assertEquals(200, answer.get(SOON.toSeconds(), TimeUnit.SECONDS).statusCode());
            awaitStatus(swapdeck, "b", "loaded");
            assertEquals("unloaded", modelStatus(swapdeck, "a").path("value").asText());
        }
    }

    @Test
    void unloadingAModelWaitingForASwapCancelsItsLoadAndFailsItsWaitingRequests() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a"), TestModels.demo("b")))) {
            loaded(swapdeck, "a");
            CompletableFuture<HttpResponse<String>> answer = swapdeck.chatAsync("a",
                    "\"stream\":true,\"max_tokens\":25,\"demo_delay_ms\":200");
            Await.until("a serving a five-second answer", SOON, () -> model(swapdeck, "a").inFlight() == 1);
            assertEquals(200, post(swapdeck, "/models/load", "{\"model\":\"b\"}").statusCode());
            CompletableFuture<HttpResponse<String>> forB = swapdeck.chatAsync("b", "");
            Await.until("b's load and request waiting for a's answer", SOON,
                    () -> model(swapdeck, "b").loads() == 1 && model(swapdeck, "b").inFlight() == 1);

            assertEquals(200, post(swapdeck, "/models/unload", "{\"model\":\"b\"}").statusCode());
            assertFalse(answer.isDone(), "a was still answering when b was unloaded");

            HttpResponse<String> failed = forB.get(SOON.toSeconds(), TimeUnit.SECONDS);
            assertEquals(502, failed.statusCode(), failed.body());
            assertTrue(LiveSwapdeck.error(failed).path("message").asText().contains("unloaded"), failed.body());
            assertEquals("unloaded", modelStatus(swapdeck, "b").path("value").asText(), "nothing waits for b any more");
            assertEquals(200, answer.get(SOON.toSeconds(), TimeUnit.SECONDS).statusCode());
            assertEquals("a", LiveSwapdeck.servedBy(swapdeck.chat("a", "")), "a was not swapped out for b");
            assertEquals(ProcessState.STOPPED, state(swapdeck, "b"));
        }
    }

    @Test
    void theEventStreamTellsOfALoadWaitingForASwapAsModelsDoes() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a"), TestModels.demo("b")))) {
            loaded(swapdeck, "a");
            List<String> events = swapdeck.follow("/models/sse");
            Await.until("the event stream connected", SOON, () -> !events.isEmpty());
            CompletableFuture<HttpResponse<String>> answer = swapdeck.chatAsync("a",
                    "\"stream\":true,\"max_tokens\":25,\"demo_delay_ms\":200");
            Await.until("a serving a five-second answer", SOON, () -> model(swapdeck, "a").inFlight() == 1);

            assertEquals(200, post(swapdeck, "/models/load", "{\"model\":\"b\"}").statusCode());
            assertEquals("loading", modelStatus(swapdeck, "b").path("value").asText());
            Await.until(() -> "b loading on /models/sse: " + events, SOON, () -> indexOf(events, "b", "loading") >= 0);
            assertEquals(200, post(swapdeck, "/models/unload", "{\"model\":\"b\"}").statusCode());
            Await.until(() -> "b unloaded on /models/sse: " + events, SOON, () -> indexOf(events, "b", "unloaded") >= 0);

            assertEquals(List.of("loading", "unloaded"), statuses(events, "b"), "b never started: " + events);
            assertEquals(List.of(), statuses(events, "a"), "a stayed loaded: " + events);
            assertEquals(200, answer.get(SOON.toSeconds(), TimeUnit.SECONDS).statusCode());
        }
    }

    @Test
    void unloadingEveryModelCancelsTheLoadsAndFailsTheRequestsWaitingForASwap() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a"), TestModels.demo("b"),
                TestModels.demo("c")))) {
            loaded(swapdeck, "a");
            CompletableFuture<HttpResponse<String>> answer = swapdeck.chatAsync("a",
                    "\"stream\":true,\"max_tokens\":25,\"demo_delay_ms\":200");
            Await.until("a serving a five-second answer", SOON, () -> model(swapdeck, "a").inFlight() == 1);
            CompletableFuture<HttpResponse<String>> forB = swapdeck.chatAsync("b", "");
            CompletableFuture<HttpResponse<String>> loadC = swapdeck.client.sendAsync(HttpRequest.newBuilder(
                    swapdeck.base.resolve("/api/models/load/c")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            Await.until("b's request and c's load waiting for a's answer", SOON,
                    () -> model(swapdeck, "b").inFlight() == 1 && model(swapdeck, "c").loads() == 1);

            HttpResponse<String> unloaded = post(swapdeck, "/api/models/unload", "");
            assertEquals(200, unloaded.statusCode(), unloaded.body());

            HttpResponse<String> failed = forB.get(SOON.toSeconds(), TimeUnit.SECONDS);
            assertEquals(502, failed.statusCode(), failed.body());
            assertTrue(LiveSwapdeck.error(failed).path("message").asText().contains("unloaded before its start began"),
                    failed.body());
            HttpResponse<String> notLoaded = loadC.get(SOON.toSeconds(), TimeUnit.SECONDS);
            assertEquals(502, notLoaded.statusCode(), notLoaded.body());
            assertTrue(cut(answer), "a's answer was cut by the unload");
            for (String id : List.of("a", "b", "c")) {
                // a's cut request counts as a's until its exchange ends, a moment after the client saw the cut
                awaitStatus(swapdeck, id, "unloaded");
                assertEquals(ProcessState.STOPPED, state(swapdeck, id), id + ": nothing waits for it");
            }
        }
    }

    /**
     * Whether a streamed answer ended without its {@code [DONE]}: a cut stream's chunked body ends with
     * no last chunk, which the JDK client reports as an IOException once the head has arrived.
     */
    private static boolean cut(CompletableFuture<HttpResponse<String>> answer) throws Exception {
        try {
            return !answer.get(SOON.toSeconds(), TimeUnit.SECONDS).body().contains("[DONE]");
        } catch (ExecutionException e) {
            return e.getCause() instanceof IOException;
        }
    }

    @Test
    void badRequestsGetOpenAiShapedErrorsAndAFailedStartIsMarked() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("dies", "--exit-at-start", "3")))) {
            HttpResponse<String> unknown = post(swapdeck, "/models/load", "{\"model\":\"nope\"}");
            assertEquals(404, unknown.statusCode());
            assertTrue(LiveSwapdeck.error(unknown).path("message").asText().contains("nope"), unknown.body());
            assertEquals(400, post(swapdeck, "/models/unload", "{}").statusCode());
            assertEquals(400, post(swapdeck, "/models/load", "not json").statusCode());
            List<String> events = swapdeck.follow("/models/sse");
            Await.until("the event stream connected", SOON, () -> !events.isEmpty());

            assertEquals(200, post(swapdeck, "/models/load", "{\"model\":\"dies\"}").statusCode());
            Await.until("the failed start is marked", SOON, () -> {
                JsonNode status = modelStatus(swapdeck, "dies");
                return status.path("value").asText().equals("unloaded") && status.path("failed").asBoolean();
            });
            Await.until(() -> "the failed start marked on /models/sse: " + events, SOON, () -> {
                int at = indexOf(events, "dies", "unloaded");
                return at >= 0 && events.get(at).contains("\"failed\":true");
            });
            Await.until("the failure in the proxy log", SOON, () -> logs(swapdeck)
                    .contains("loading dies for /models/load failed: model 'dies' could not be started: "));
            assertFalse(logs(swapdeck).contains("Exception"), "said in words, without a Java class name");
        }
    }

    @Test
    void aStartCancelledByAnUnloadReadsAsLoadingUntilGoneAndNeverAsLoaded() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(
                TestModels.demo("stuck", "--never-healthy", "--ignore-sigterm")))) {
            List<String> events = swapdeck.follow("/models/sse");
            Await.until("the event stream connected", SOON, () -> !events.isEmpty());
            assertEquals(200, post(swapdeck, "/models/load", "{\"model\":\"stuck\"}").statusCode());
            Await.until("stuck listening, its SIGTERM handler in place", SOON, () -> swapdeck.core.logs.modelHistory("stuck")
                    .stream().anyMatch(line -> line.text().startsWith("listening on")));

            assertEquals(200, post(swapdeck, "/models/unload", "{\"model\":\"stuck\"}").statusCode());
            Await.until("stuck stopping (it ignores SIGTERM until it is killed)", SOON,
                    () -> state(swapdeck, "stuck") == ProcessState.STOPPING);
            String whileStopping = modelStatus(swapdeck, "stuck").path("value").asText();
            assertEquals(ProcessState.STOPPING, state(swapdeck, "stuck"), "still stopping when /models was read");
            assertEquals("loading", whileStopping, "a start that never became healthy is not loaded");

            awaitStatus(swapdeck, "stuck", "unloaded");
            Await.until(() -> "unloaded on /models/sse: " + events, SOON, () -> indexOf(events, "stuck", "unloaded") >= 0);
            assertEquals(-1, indexOf(events, "stuck", "loaded"), "never loaded: " + events);
        }
    }

    @Test
    void aStopAfterARunSendsOneLoadedEventAndThenUnloaded() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a")))) {
            List<String> events = swapdeck.follow("/models/sse");
            Await.until("the event stream connected", SOON, () -> !events.isEmpty());
            loaded(swapdeck, "a");
            assertEquals(200, post(swapdeck, "/models/unload", "{\"model\":\"a\"}").statusCode());
            Await.until(() -> "unloaded on /models/sse: " + events, SOON, () -> indexOf(events, "a", "unloaded") >= 0);

            assertEquals(List.of("loading", "loaded", "unloaded"), statuses(events, "a"), "one event per change: " + events);
        }
    }

    /** The status values of a model's {@code model_status} events, in order, progress events folded into one "loading". */
    private static List<String> statuses(List<String> events, String model) throws Exception {
        List<String> values = new ArrayList<>();
        for (String line : events) {
            if (line.startsWith("data: ")) {
                JsonNode event = LiveSwapdeck.JSON.readTree(line.substring(6));
                String value = event.path("data").path("status").asText();
                boolean progress = event.path("data").has("progress");
                if (model.equals(event.path("model").asText()) && "model_status".equals(event.path("event").asText())
                        && !(progress && !values.isEmpty() && values.get(values.size() - 1).equals(value))) {
                    values.add(value);
                }
            }
        }
        return values;
    }

    private static ProcessState state(LiveSwapdeck swapdeck, String model) {
        return model(swapdeck, model).process().state();
    }

    private static ModelStatus model(LiveSwapdeck swapdeck, String model) {
        return swapdeck.core.engine.models().stream().filter(m -> m.id().equals(model)).findFirst().orElseThrow();
    }

    /** llama.cpp's web UI reads each model's /props with autoload=false, to show the model without loading it. */
    @Test
    void aRequestThatSaysAutoloadFalseNeitherStartsNorSwapsAModel() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a"), TestModels.demo("b")))) {
            loaded(swapdeck, "a");

            HttpResponse<String> props = swapdeck.get("/props?model=b&autoload=false");
            assertEquals(400, props.statusCode(), props.body());
            JsonNode error = LiveSwapdeck.JSON.readTree(props.body()).path("error");
            assertEquals("model_not_loaded", error.path("code").asText());
            assertTrue(error.path("message").asText().startsWith("model is not loaded: b "), props.body());
            HttpResponse<String> chat = post(swapdeck, "/v1/chat/completions?autoload=0", "{\"model\":\"b\"}");
            assertEquals(400, chat.statusCode(), chat.body());
            assertEquals(ProcessState.READY, state(swapdeck, "a"), "a kept running");
            assertEquals(ProcessState.STOPPED, state(swapdeck, "b"), "b never started");

            HttpResponse<String> toRunning = post(swapdeck, "/v1/chat/completions?autoload=false", "{\"model\":\"a\"}");
            assertEquals(200, toRunning.statusCode(), "a running model serves it: " + toRunning.body());
            HttpResponse<String> loads = post(swapdeck, "/v1/chat/completions?autoload=true", "{\"model\":\"b\"}");
            assertEquals(200, loads.statusCode(), loads.body());
            assertEquals(ProcessState.READY, state(swapdeck, "b"), "autoload=true loads, as no autoload at all does");
        }
    }

    @Test
    void loadOfARunningModelAndUnloadOfAStoppedOrUnknownOneAreRefusedAsLlamaCppRefusesThem() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a")))) {
            HttpResponse<String> notRunning = post(swapdeck, "/models/unload", "{\"model\":\"a\"}");
            assertEquals(400, notRunning.statusCode(), notRunning.body());
            assertTrue(LiveSwapdeck.error(notRunning).path("message").asText().startsWith("model is not running"),
                    notRunning.body());
            HttpResponse<String> unknown = post(swapdeck, "/models/unload", "{\"model\":\"nope\"}");
            assertEquals(400, unknown.statusCode(), unknown.body());
            assertTrue(LiveSwapdeck.error(unknown).path("message").asText().startsWith("model is not found"), unknown.body());

            assertEquals(200, post(swapdeck, "/models/load", "{\"model\":\"a\"}").statusCode());
            HttpResponse<String> again = post(swapdeck, "/models/load", "{\"model\":\"a\"}");
            assertEquals(400, again.statusCode(), again.body());
            assertTrue(LiveSwapdeck.error(again).path("message").asText().startsWith("model is already running"),
                    again.body());
            assertEquals("invalid_request_error", LiveSwapdeck.error(again).path("type").asText());
            awaitStatus(swapdeck, "a", "loaded");
            assertEquals(400, post(swapdeck, "/models/load", "{\"model\":\"a\"}").statusCode());
            assertEquals(200, post(swapdeck, "/models/unload", "{\"model\":\"a\"}").statusCode());
        }
    }

    @Test
    void aServerThatExitedDuringItsStartShowsItsExitCode() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("dies", "--exit-at-start", "3")))) {
            List<String> events = swapdeck.follow("/models/sse");
            Await.until("the event stream connected", SOON, () -> !events.isEmpty());
            assertEquals(200, post(swapdeck, "/models/load", "{\"model\":\"dies\"}").statusCode());
            Await.until("the failed start is marked", SOON, () -> modelStatus(swapdeck, "dies").path("failed").asBoolean());

            assertEquals(3, modelStatus(swapdeck, "dies").path("exit_code").asInt(-1), modelStatus(swapdeck, "dies").toString());
            Await.until(() -> "unloaded on /models/sse: " + events, SOON, () -> indexOf(events, "dies", "unloaded") >= 0);
            String unloaded = events.get(indexOf(events, "dies", "unloaded"));
            assertEquals(3, LiveSwapdeck.JSON.readTree(unloaded.substring(6)).path("data").path("exit_code").asInt(-1), unloaded);
        }
    }

    private static int indexOf(List<String> events, String model, String status) {
        for (int i = 0; i < events.size(); i++) {
            String line = events.get(i);
            if (line.startsWith("data: ") && line.contains("\"model\":\"" + model + "\"")
                    && line.contains("\"event\":\"model_status\"") && line.contains("\"status\":\"" + status + "\"")) {
                return i;
            }
        }
        return -1;
    }

    /** Loads {@code model} through llama.cpp's router API and waits until it reads as loaded. */
    private static void loaded(LiveSwapdeck swapdeck, String model) throws Exception {
        assertEquals(200, post(swapdeck, "/models/load", "{\"model\":\"" + model + "\"}").statusCode());
        awaitStatus(swapdeck, model, "loaded");
    }

    private static void awaitStatus(LiveSwapdeck swapdeck, String model, String value) {
        Await.until(model + " " + value + " in /models", SOON,
                () -> modelStatus(swapdeck, model).path("value").asText().equals(value));
    }

    private static String logs(LiveSwapdeck swapdeck) {
        try {
            return swapdeck.get("/logs").body();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode modelStatus(LiveSwapdeck swapdeck, String model) {
        try {
            for (JsonNode entry : LiveSwapdeck.JSON.readTree(swapdeck.get("/models").body()).path("data")) {
                if (entry.path("id").asText().equals(model)) {
                    return entry.path("status");
                }
            }
            throw new AssertionError("no model " + model + " in /models");
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> post(LiveSwapdeck swapdeck, String path, String body) throws Exception {
        return swapdeck.client.send(HttpRequest.newBuilder(swapdeck.base.resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
