package dev.swapdeck.e2e;

import static dev.swapdeck.e2e.LiveSwapdeck.servedBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.config.RoutingRules;
import dev.swapdeck.engine.EngineHarness;
import dev.swapdeck.memory.ByteSize;
import dev.swapdeck.memory.Cadence;
import dev.swapdeck.memory.MemoryConfig;
import dev.swapdeck.memory.MemoryOptions;
import dev.swapdeck.state.StateFolder;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.process.StateChanged;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.FakeNvidiaSmi;
import dev.swapdeck.testing.TestModels;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §11 as a client lives it: real fake upstreams of declared sizes, a fake nvidia-smi reporting
 * them under their own pids, and requests over HTTP.
 */
class MemoryAwareSwappingTest {
    private static final Duration SOON = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private FakeNvidiaSmi gpu;
    private LiveSwapdeck swapdeck;

    private LiveSwapdeck start(String budget, ModelConfig... models) throws Exception {
        return start(budget, Map.of(), models);
    }

    private LiveSwapdeck start(String budget, Map<String, List<String>> profiles, ModelConfig... models)
            throws Exception {
        return start(budget, RoutingRules.NONE, profiles, models);
    }

    private LiveSwapdeck start(String budget, RoutingRules routing, Map<String, List<String>> profiles,
                               ModelConfig... models) throws Exception {
        gpu = new FakeNvidiaSmi(dir, "24GiB");
        for (ModelConfig model : models) {
            gpu.model(model.id(), ByteSize.format(model.memory().declared().orElseThrow()).replace(" ", ""));
        }
        MemoryConfig memory = new MemoryConfig(true, Optional.of(ByteSize.parse(budget)), 0);
        swapdeck = new LiveSwapdeck(new EngineHarness(TestModels.config(memory, routing, profiles, models),
                gpu.options(dir.resolve("state"))));
        gpu.follow(swapdeck.core.engine);
        return swapdeck;
    }

    @AfterEach
    void stop() throws Exception {
        if (swapdeck != null) {
            swapdeck.close();
        }
        if (gpu != null) {
            gpu.close();
        }
    }

    private static ModelConfig sized(String id, String memory) {
        return TestModels.model(id).memory(memory).build();
    }

    /** Sends a chat request for {@code model} and returns who served it, failing with the body unless 200. */
    private String served(String model) throws Exception {
        return servedBy(ok(swapdeck.chat(model, "")));
    }

    private static HttpResponse<String> ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    private ProcessState state(String id) {
        return swapdeck.core.state(id);
    }

    /** {@code /api/models}'s memory object (an assertion error if it cannot be fetched). */
    private JsonNode memory() {
        try {
            return swapdeck.getJson("/api/models").path("memory");
        } catch (Exception e) {
            throw new AssertionError("GET /api/models failed", e);
        }
    }

    /** The first sample comes before the server starts; nothing moves after it while Swapdeck is idle. */
    @Test
    void metricsShowTheBudgetAndPredictionsFromTheStart() throws Exception {
        start("20GiB", sized("a", "8GiB"));
        String metrics = swapdeck.client.send(java.net.http.HttpRequest.newBuilder(swapdeck.base.resolve("/metrics"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("swapdeck_memory_budget_bytes " + (double) ByteSize.parse("20GiB")), metrics);
        assertTrue(metrics.contains("swapdeck_model_memory_predicted_bytes{model=\"a\"} "
                + (double) ByteSize.parse("8GiB")), metrics);
    }

    @Test
    void modelsThatFitRunSideBySideAndTheLeastRecentlyUsedIdleOneMakesRoom() throws Exception {
        start("20GiB", sized("a", "8GiB"), sized("b", "8GiB"), sized("c", "8GiB"));
        assertEquals("a", served("a"));
        assertEquals("b", served("b"));
        assertEquals(ProcessState.READY, state("a"), "a and b fit in 20 GiB together");
        assertEquals("a", served("a"));

        assertEquals("c", served("c"));
        assertEquals(ProcessState.STOPPED, state("b"), "b was used least recently");
        assertEquals(ProcessState.READY, state("a"));
    }

    @Test
    void aProfileConstrainsFirstAndMemoryDecidesAmongWhatItAllows() throws Exception {
        start("20GiB", Map.of("duo", List.of("a", "b")), sized("a", "4GiB"), sized("b", "4GiB"), sized("c", "4GiB"));
        assertEquals("c", served("c"));
        assertEquals("a", served("duo:a"));
        assertEquals(ProcessState.STOPPED, state("c"), "the profile's members become the running set, room or not");
        assertTrue(swapdeck.core.logs.proxyHistory().stream().anyMatch(line -> line.text().equals(
                "swapping: stopping c to run a (profile 'duo' is the running set)")),
                "the profile stopped c, not a lack of room: " + swapdeck.core.logs.proxyHistory());
        assertEquals("b", served("duo:b"));
        assertEquals("c", served("c"));
        assertEquals(ProcessState.READY, state("a"), "a plain request leaves the profile, and everything fits");
        assertEquals(ProcessState.READY, state("b"));
    }

    /**
     * Two requests that arrive together for two models that do not fit side by side: the first one
     * admitted holds its room before its process exists, so the second waits for it to be evicted.
     */
    @Test
    void twoModelsThatDoNotFitTogetherNeverStartTogether() throws Exception {
        start("12GiB", sized("a", "8GiB"), sized("b", "8GiB"));
        AtomicBoolean together = new AtomicBoolean();
        swapdeck.core.logs.bus().subscribe(event -> {
            if (event instanceof StateChanged && state("a") != ProcessState.STOPPED && state("b") != ProcessState.STOPPED) {
                together.set(true);
            }
        });
        CompletableFuture<HttpResponse<String>> forA = swapdeck.chatAsync("a", "");
        CompletableFuture<HttpResponse<String>> forB = swapdeck.chatAsync("b", "");
        assertEquals("a", servedBy(ok(forA.get(30, TimeUnit.SECONDS))));
        assertEquals("b", servedBy(ok(forB.get(30, TimeUnit.SECONDS))));
        assertFalse(together.get(), "8 + 8 GiB never ran in a 12 GiB budget");
    }

    @Test
    void aPinnedModelIsNeverEvicted() throws Exception {
        start("20GiB", TestModels.model("a").memory("8GiB").pinned().build(), sized("b", "8GiB"), sized("c", "8GiB"));
        swapdeck.chat("a", "");
        swapdeck.chat("b", "");
        assertEquals("c", served("c"));
        assertEquals(ProcessState.READY, state("a"), "a is older but pinned");
        assertEquals(ProcessState.STOPPED, state("b"));
    }

    @Test
    void aBusyModelMakesTheRequestWaitAndIsNeverCut() throws Exception {
        start("12GiB", sized("a", "8GiB"), sized("b", "8GiB"));
        AtomicReference<CompletableFuture<HttpResponse<String>>> forB = new AtomicReference<>();
        LiveSwapdeck.Stream streamA = swapdeck.stream("a", 20, 50, () -> forB.set(swapdeck.chatAsync("b", "")));
        HttpResponse<String> answerB = forB.get().get(30, TimeUnit.SECONDS);
        long bDone = System.nanoTime();

        assertEquals(20, streamA.chunks(), "every token of a's answer arrived");
        assertTrue(streamA.finished());
        assertEquals("b", servedBy(ok(answerB)));
        assertTrue(bDone > streamA.endNanos(), "b was served only after a's stream had finished");
        assertEquals(ProcessState.STOPPED, state("a"));
    }

    @Test
    void aBusyVictimKeptBusyByItsOwnClientsStopsTakingThemAfterMaxQueueWait() throws Exception {
        RoutingRules oneSecond = new RoutingRules(Optional.empty(), List.of(), Map.of(), Map.of(), Map.of(),
                Duration.ofSeconds(1));
        start("12GiB", oneSecond, Map.of(), sized("a", "8GiB"), sized("b", "8GiB"));
        assertEquals("a", served("a"));
        AtomicBoolean clientsGoOn = new AtomicBoolean(true);
        List<HttpResponse<String>> answersForA = new CopyOnWriteArrayList<>();
        List<Exception> failures = new CopyOnWriteArrayList<>();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            // two clients that overlap, so a is never idle for long: without the bound b would wait for ever
            Thread client = new Thread(() -> {
                while (clientsGoOn.get()) {
                    try {
                        answersForA.add(swapdeck.chat("a", "\"demo_think_ms\":300"));
                    } catch (Exception e) {
                        failures.add(e);
                        return;
                    }
                }
            });
            clients.add(client);
            client.start();
            Thread.sleep(150);
        }
        HttpResponse<String> answerB;
        try {
            answerB = swapdeck.chatAsync("b", "").get(30, TimeUnit.SECONDS);
        } finally {
            clientsGoOn.set(false);
        }
        for (Thread client : clients) {
            client.join(TimeUnit.SECONDS.toMillis(30));
        }

        assertEquals(List.of(), failures, "every request for a got an answer");
        assertEquals("b", servedBy(ok(answerB)), "b was served while a's clients kept sending");
        assertTrue(answersForA.size() >= 2, "a was kept busy: " + answersForA.size() + " answers");
        for (HttpResponse<String> answer : answersForA) {
            assertEquals("a", servedBy(ok(answer)), "no request of a's was cut");
        }
    }

    @Test
    void anotherProgramsUsageShrinksTheRoom() throws Exception {
        start("24GiB", sized("a", "8GiB"), sized("b", "8GiB"));
        swapdeck.chat("a", "");
        gpu.otherProgram("10GiB");
        Await.until("the probe sees the other program", SOON,
                () -> memory().path("other").asLong() == 10 * ByteSize.GIB);

        assertEquals("b", served("b"));
        assertEquals(ProcessState.STOPPED, state("a"), "8 + 8 + 10 GiB do not fit in 24");
    }

    /**
     * A desktop's graphics hold memory the compute query lists for no process. A model that has not
     * allocated yet while it starts holds none of it: counted as free, that memory let a model start that
     * did not fit (it evicted the starting one and ran over the budget by the desktop's share).
     */
    @Test
    void aDesktopsUnlistedMemoryStaysCountedWhileAModelStarts() throws Exception {
        ModelConfig slow = TestModels.model("b").memory("2GiB").demoArgs("--health-delay-ms", "4000").build();
        start("10GiB", TestModels.model("a").memory("4GiB").pinned().build(), slow, sized("c", "6GiB"));
        gpu.allocatesWhenReady("b").desktopGraphics("2GiB");
        assertEquals("a", served("a"));
        Await.until("the desktop's share read as another program's", SOON,
                () -> memory().path("other").asLong() == 2 * ByteSize.GIB);

        CompletableFuture<HttpResponse<String>> forB = swapdeck.chatAsync("b", "");
        Await.until("b starts", SOON, () -> state("b") == ProcessState.STARTING);
        String before = memory().path("sampledAt").asText();
        Await.until("a sample while b starts and holds nothing yet", SOON,
                () -> !memory().path("sampledAt").asText().equals(before));
        assertEquals(ProcessState.STARTING, state("b"));

        HttpResponse<String> forC = swapdeck.chat("c", "");
        assertEquals(503, forC.statusCode(), "10 GiB less a's 4 and the desktop's 2 cannot hold c's 6: " + forC.body());
        assertEquals("b", servedBy(ok(forB.get(30, TimeUnit.SECONDS))), "b was not evicted for c");
        // the fake lists b's memory a moment after b turns ready, and a sample between counts b's
        // prediction against the desktop's share: the 3 s window shows it, then the desktop's 2 GiB
        Await.until("the desktop's share read as another program's again", SOON,
                () -> memory().path("other").asLong() == 2 * ByteSize.GIB);
    }

    /**
     * Idle, memory is sampled seldom (every 10 s by default): a program that freed its memory since the
     * last sample must not get a request refused, as a 503 cannot be taken back. A refusal on numbers
     * older than a second waits for a sample begun after it; a model that still cannot fit is refused then,
     * and one that no memory could hold at once. The router API's load is refused on a sample taken for it.
     */
    @Test
    void aRefusalOnAnOldSampleWaitsForAFreshOne() throws Exception {
        gpu = new FakeNvidiaSmi(dir, "24GiB");
        gpu.model("b", "8GiB");
        gpu.otherProgram("14GiB");
        Cadence seldom = new Cadence(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ZERO);
        swapdeck = new LiveSwapdeck(new EngineHarness(TestModels.config(new MemoryConfig(true,
                Optional.of(ByteSize.parse("20GiB")), 0), RoutingRules.NONE, Map.of(), sized("b", "8GiB"),
                sized("mid", "12GiB"), sized("huge", "30GiB")), gpu.options(dir.resolve("state"), seldom)));
        gpu.follow(swapdeck.core.engine);
        assertEquals(14 * ByteSize.GIB, memory().path("other").asLong(), "the sample taken at the start");

        gpu.otherProgram("0GiB");
        Thread.sleep(1_200); // the start's sample is now older than a refusal may rest on
        assertEquals("b", served("b"), "20 - 14 GiB left no room for b's 8; a fresh sample finds 20");

        Thread.sleep(1_200);
        String sampledAt = memory().path("sampledAt").asText();
        HttpResponse<String> refused = swapdeck.chat("huge", "");
        assertEquals(503, refused.statusCode(), refused.body());
        assertEquals("insufficient_memory", LiveSwapdeck.error(refused).path("code").asText());
        assertEquals(sampledAt, memory().path("sampledAt").asText(), "30 GiB never fit in 20: refused without a sample");
        assertEquals(ProcessState.READY, state("b"));

        gpu.otherProgram("14GiB");
        Thread.sleep(3_500); // past the window in which other programs count at their smallest figure
        HttpResponse<String> routerLoad = swapdeck.client.send(java.net.http.HttpRequest.newBuilder(
                swapdeck.base.resolve("/models/load")).POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                "{\"model\":\"mid\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(503, routerLoad.statusCode(), "the router API answers the refusal, made on numbers measured for it: "
                + routerLoad.body());
        assertEquals(ProcessState.READY, state("b"), "on the old numbers (no other program) b would have gone for mid");
    }

    /** nvidia-smi failing after it has answered: its last reading stands, dated when it was read, and the API says why. */
    @Test
    void whileNvidiaSmiFailsTheLastReadingIsDatedAndTheProblemNamed() throws Exception {
        start("20GiB", sized("a", "8GiB"));
        assertEquals("a", served("a"));
        Await.until("a's memory is read", SOON, () -> memory().path("swapdeck").asLong() == 8 * ByteSize.GIB);
        assertTrue(memory().path("problem").isNull(), memory().toString());

        gpu.failing(true);
        Await.until("the probe meets the failure", SOON, () -> !memory().path("problem").isNull());
        String sampledAt = memory().path("sampledAt").asText();
        assertEquals(dir.resolve("nvidia-smi") + " exited with code 9:"
                + " NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.",
                memory().path("problem").asText());
        Thread.sleep(600); // three samples at the test cadence, each of them failing
        assertEquals(sampledAt, memory().path("sampledAt").asText(), "the reading that stands keeps its own time");
        assertEquals(8 * ByteSize.GIB, memory().path("swapdeck").asLong(), "a's memory as last read");

        gpu.failing(false);
        Await.until("the probe reads again", SOON, () -> memory().path("problem").isNull());
        assertTrue(Instant.parse(memory().path("sampledAt").asText()).isAfter(Instant.parse(sampledAt)));
    }

    @Test
    void whereNvidiaSmiCannotNameEachProcesssMemoryAModelCountsAtItsPrediction() throws Exception {
        start("10GiB", sized("m1", "6000MiB"), sized("m2", "6000MiB"));
        gpu.withoutProcessMemory();
        assertEquals("m1", served("m1"));
        Await.until("the probe sees m1's memory", SOON, () -> memory().path("swapdeck").asLong() == 6000 * ByteSize.MIB);
        assertEquals(0, memory().path("other").asLong(), "m1 is Swapdeck's, not another program's");

        assertEquals("m2", served("m2"));
        assertEquals(ProcessState.STOPPED, state("m1"), "6000 + 6000 MiB do not fit in 10 GiB");
    }

    @Test
    void aModelBiggerThanTheBudgetFailsAtOnceWithTheNumbersAndStopsNothing() throws Exception {
        start("20GiB", sized("a", "8GiB"), TestModels.model("big").memory("30GiB").build());
        swapdeck.chat("a", "");
        HttpResponse<String> refused = swapdeck.chat("big", "");

        assertEquals(503, refused.statusCode());
        JsonNode error = LiveSwapdeck.error(refused);
        assertEquals("insufficient_memory", error.path("code").asText());
        String message = error.path("message").asText();
        assertTrue(message.contains("needs 30.0 GiB") && message.contains("budget 20.0 GiB")
                && message.contains("Nothing was stopped"), message);
        assertEquals(ProcessState.READY, state("a"));
        assertEquals(ProcessState.STOPPED, state("big"));

        HttpResponse<String> routerLoad = swapdeck.client.send(java.net.http.HttpRequest.newBuilder(
                swapdeck.base.resolve("/models/load")).POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                "{\"model\":\"big\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(503, routerLoad.statusCode(), "llama.cpp's router API is told at once too, not success: "
                + routerLoad.body());
        assertEquals("insufficient_memory", LiveSwapdeck.error(routerLoad).path("code").asText());
        assertEquals(ProcessState.READY, state("a"));
    }

    @Test
    void aPredictionThatWasTooSmallIsCorrectedOnTheNextSwap() throws Exception {
        start("16GiB", sized("a", "4GiB"), sized("b", "8GiB"));
        gpu.model("a", "10GiB");
        swapdeck.chat("a", "");
        Await.until("a's prediction learned from its measured peak", SOON, () -> {
            JsonNode a = memory().path("models").path("a");
            return a.path("predicted").asLong() == 10 * ByteSize.GIB && a.path("basis").asText().equals("measured");
        });

        assertEquals("b", served("b"));
        assertEquals(ProcessState.STOPPED, state("a"), "declared 4 + 8 would fit; measured 10 + 8 does not");
        String saved = Files.readString(dir.resolve("state").resolve("footprints.json"));
        assertTrue(saved.contains("\"a\"") && saved.contains(Long.toString(10 * ByteSize.GIB)), saved);
    }

    /** A driver still waking up: nvidia-smi hangs (two queries of 5 s each); the start does not wait for it. */
    @Test
    void anNvidiaSmiThatHangsDoesNotHoldTheStartUp() throws Exception {
        Path hung = Files.writeString(dir.resolve("hung-nvidia-smi"), "#!/bin/sh\nexec sleep 30\n");
        hung.toFile().setExecutable(true);
        MemoryOptions slow = new MemoryOptions(hung.toString(), Duration.ofSeconds(5), Path.of("/proc"),
                new StateFolder(dir.resolve("state")), FakeNvidiaSmi.TEST_CADENCE);
        MemoryConfig memory = new MemoryConfig(true, Optional.empty(), 0);
        swapdeck = new LiveSwapdeck(new EngineHarness(TestModels.config(memory, Map.of(), TestModels.demo("a")), slow));
        assertTrue(swapdeck.core.engine.memory().orElseThrow().sampledAt().isEmpty(),
                "the engine was built before the first sample, which waits on nvidia-smi's 5 s timeout");
        assertTrue(swapdeck.core.logs.proxyHistory().stream()
                .anyMatch(line -> line.text().contains("the first sample is taking longer than")));
        assertEquals("a", served("a"), "requests are served meanwhile");
    }

    @Test
    void withoutNvidiaSmiMemoryIsAccountedInRamWithOneWarning() throws Exception {
        MemoryOptions noGpu = new MemoryOptions(dir.resolve("no-such-nvidia-smi").toString(), Duration.ofSeconds(5),
                Path.of("/proc"), new StateFolder(dir.resolve("state")), FakeNvidiaSmi.TEST_CADENCE);
        MemoryConfig memory = new MemoryConfig(true, Optional.empty(), 0);
        swapdeck = new LiveSwapdeck(new EngineHarness(TestModels.config(memory, Map.of(), TestModels.demo("a")), noGpu));
        assertEquals("a", served("a"));
        Await.until("a's resident memory measured and learned", SOON, () -> {
            JsonNode a = memory().path("models").path("a");
            return a.path("measured").asLong() > ByteSize.MIB && a.path("basis").asText().equals("measured");
        });
        JsonNode totals = memory();
        assertEquals("ram", totals.path("source").asText());
        assertEquals("RAM", totals.path("devices").path(0).path("name").asText());
        assertEquals(totals.path("total").asLong(), totals.path("budget").asLong(), "no budget: all of the RAM");
        long warnings = swapdeck.core.logs.proxyHistory().stream()
                .filter(line -> line.text().contains("no GPU reading")).count();
        assertEquals(1, warnings, "said once, however many samples were taken");
    }
}
