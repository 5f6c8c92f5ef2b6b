package dev.swapdeck.e2e;

import static dev.swapdeck.e2e.LiveSwapdeck.servedBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.process.ProcessState;
import dev.swapdeck.process.StateChanged;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.EventRecorder;
import dev.swapdeck.testing.TestModels;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Swapping as a chat client lives it: real servers started, stopped and streamed through HTTP. */
class SwappingOverHttpTest {
    private static final Duration SOON = Duration.ofSeconds(20);

    @Test
    void concurrentRequestsForAStoppedModelStartItOnce() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a", "--health-delay-ms", "300")));
             EventRecorder<StateChanged> states = EventRecorder.record(swapdeck.core.logs.bus(), StateChanged.class)) {
            List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                requests.add(swapdeck.chatAsync("a", ""));
            }
            for (CompletableFuture<HttpResponse<String>> request : requests) {
                HttpResponse<String> response = request.get(30, TimeUnit.SECONDS);
                assertEquals(200, response.statusCode(), response.body());
                assertEquals("a", servedBy(response));
            }
            assertEquals(1, states.matching(e -> e.to() == ProcessState.STARTING).size(), states.events().toString());
        }
    }

    @Test
    void aRequestForAnotherModelSwapsTheFirstOut() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a"), TestModels.demo("b")))) {
            assertEquals("a", servedBy(swapdeck.chat("a", "")));
            long aPid = swapdeck.core.status("a").process().pid().orElseThrow();
            assertEquals("b", servedBy(swapdeck.chat("b", "")));
            assertEquals(ProcessState.STOPPED, swapdeck.core.state("a"));
            assertFalse(ProcessHandle.of(aPid).map(ProcessHandle::isAlive).orElse(false), "a's server is gone");
        }
    }

    @Test
    void aSwapWaitsForTheStreamInFlightAndNeverCutsIt() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a"), TestModels.demo("b")))) {
            AtomicReference<CompletableFuture<HttpResponse<String>>> forB = new AtomicReference<>();
            LiveSwapdeck.Stream streamA = swapdeck.stream("a", 20, 50, () -> forB.set(swapdeck.chatAsync("b", "")));
            HttpResponse<String> answerB = forB.get().get(30, TimeUnit.SECONDS);
            long bDone = System.nanoTime();

            assertEquals(200, streamA.status());
            assertEquals(20, streamA.chunks(), "every token of a's answer arrived");
            assertTrue(streamA.finished(), "a's stream ended with [DONE]: " + streamA.events());
            assertEquals(200, answerB.statusCode(), answerB.body());
            assertEquals("b", servedBy(answerB));
            assertTrue(bDone > streamA.endNanos(), "b was served only after a's stream had finished");
        }
    }

    @Test
    void ttlNeverCutsALongStreamAndUnloadsOnceIdle() throws Exception {
        var napper = TestModels.model("napper").ttl(Duration.ofSeconds(1)).build();
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(napper))) {
            LiveSwapdeck.Stream stream = swapdeck.stream("napper", 25, 100, () -> { });
            assertEquals(25, stream.chunks(), "a 2.5 s stream outlives a 1 s ttl untouched");
            assertTrue(stream.finished());
            Await.until("ttl unload after the stream", SOON, () -> swapdeck.core.state("napper") == ProcessState.STOPPED);
        }
    }

    @Test
    void profileMembersServeSideBySide() throws Exception {
        var config = TestModels.config(Map.of("duo", List.of("a", "b")), TestModels.demo("a"), TestModels.demo("b"));
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(config);
             EventRecorder<StateChanged> states = EventRecorder.record(swapdeck.core.logs.bus(), StateChanged.class)) {
            AtomicReference<CompletableFuture<HttpResponse<String>>> forB = new AtomicReference<>();
            LiveSwapdeck.Stream streamA = swapdeck.stream("duo:a", 60, 50, () -> forB.set(swapdeck.chatAsync("duo:b", "")));
            HttpResponse<String> answerB = forB.get().get(30, TimeUnit.SECONDS);
            assertEquals(200, answerB.statusCode(), answerB.body());
            assertEquals("b", servedBy(answerB));
            assertEquals(60, streamA.chunks(), "a's stream was not cut");
            assertTrue(streamA.finished());
            // b's start came while a streamed; a swap would have waited for the stream, then stopped a
            assertEquals(List.of(), states.matching(e -> e.model().equals("a") && e.to() == ProcessState.STOPPING),
                    "a was never stopped to make room for b: " + states.events());
            assertEquals(ProcessState.READY, swapdeck.core.state("a"));
            assertEquals(ProcessState.READY, swapdeck.core.state("b"));
        }
    }

    @Test
    void parallelRequestsAcrossModelsAllComplete() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a"), TestModels.demo("b")))) {
            List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
            List<String> asked = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String model = i % 2 == 0 ? "a" : "b";
                asked.add(model);
                requests.add(swapdeck.chatAsync(model, "\"stream\":false"));
            }
            for (int i = 0; i < requests.size(); i++) {
                HttpResponse<String> response = requests.get(i).get(60, TimeUnit.SECONDS);
                assertEquals(200, response.statusCode(), response.body());
                assertEquals(asked.get(i), servedBy(response));
            }
        }
    }
}
