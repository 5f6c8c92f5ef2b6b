package dev.swapdeck.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.process.ProcessState;
import dev.swapdeck.process.StateChanged;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.EventRecorder;
import dev.swapdeck.testing.RawHttp;
import dev.swapdeck.testing.TestModels;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SPEC §4, a client that leaves is forgotten at once: a queued request whose client disconnected
 * triggers no swap and starts nothing; one that leaves while its model starts is released when the
 * start ends, and the start still serves whoever else wants the model.
 */
class QueuedDeparturesTest {
    private static final Duration SOON = Duration.ofSeconds(20);

    /** Sends a chat request on a raw socket, runs {@code whileWaiting}, then closes the socket. */
    private static void sendAndLeave(LiveSwapdeck swapdeck, String model, Runnable whileWaiting) throws Exception {
        String body = "{\"model\":\"" + model + "\",\"messages\":[]}";
        try (Socket socket = RawHttp.open(swapdeck.base.getPort(), "POST", "/v1/chat/completions", body, false)) {
            whileWaiting.run();
        }
    }

    @Test
    void aQueuedClientThatLeavesCausesNoSwap() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a"), TestModels.demo("b")));
             EventRecorder<StateChanged> moves = EventRecorder.record(swapdeck.core.engine.events(), StateChanged.class)) {
            swapdeck.core.engine.load("a").get(20, TimeUnit.SECONDS);
            CompletableFuture<HttpResponse<String>> busy = swapdeck.chatAsync("a", "\"demo_think_ms\":2500");
            Await.until("a busy", SOON, () -> swapdeck.core.status("a").inFlight() == 1);

            sendAndLeave(swapdeck, "b", () -> Await.until("b queued", SOON, () -> swapdeck.core.status("b").inFlight() == 1));
            Await.until("b withdrawn", SOON, () -> swapdeck.core.status("b").inFlight() == 0);

            assertEquals(200, busy.get(20, TimeUnit.SECONDS).statusCode());
            assertEquals(200, swapdeck.chat("a", "").statusCode(), "a still serves, with no swap in between");
            assertTrue(moves.matching(m -> m.model().equals("b")).isEmpty(), "b never started: " + moves.events());
            assertTrue(moves.matching(m -> m.model().equals("a") && m.from() == ProcessState.READY).isEmpty(),
                    "a was never stopped for nobody: " + moves.events());
        }
    }

    /**
     * Two clients leave at once, as when a chat app is closed with one answer under way and one request
     * queued: the queued client's departure is seen as its swap begins, before the next 50 ms look, so
     * the model that was answering is not stopped for it.
     */
    @Test
    void aQueuedClientLeavingWithTheOneItWaitsForCausesNoSwap() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a"), TestModels.demo("b")));
             EventRecorder<StateChanged> moves = EventRecorder.record(swapdeck.core.engine.events(), StateChanged.class)) {
            swapdeck.core.engine.load("a").get(20, TimeUnit.SECONDS);
            int port = swapdeck.base.getPort();
            try (Socket answering = RawHttp.open(port, "POST", "/v1/chat/completions",
                    "{\"model\":\"a\",\"messages\":[],\"demo_think_ms\":5000}", false)) {
                Await.until("a busy", SOON, () -> swapdeck.core.status("a").inFlight() == 1);
                Socket queued = RawHttp.open(port, "POST", "/v1/chat/completions", "{\"model\":\"b\",\"messages\":[]}", false);
                Await.until("b queued", SOON, () -> swapdeck.core.status("b").inFlight() == 1);
                queued.close();
            }
            Await.until("both released", SOON,
                    () -> swapdeck.core.status("a").inFlight() == 0 && swapdeck.core.status("b").inFlight() == 0);
            Thread.sleep(300);

            assertTrue(moves.matching(m -> m.model().equals("b")).isEmpty(), "b never started: " + moves.events());
            assertTrue(moves.matching(m -> m.model().equals("a") && m.from() == ProcessState.READY).isEmpty(),
                    "a was never stopped for a client that had left: " + moves.events());
        }
    }

    /** A request with no body (a GET through /upstream) is watched for its client as a chat is. */
    @Test
    void aQueuedRequestWithoutABodyWhoseClientLeavesCausesNoSwap() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a"), TestModels.demo("b")));
             EventRecorder<StateChanged> moves = EventRecorder.record(swapdeck.core.engine.events(), StateChanged.class)) {
            swapdeck.core.engine.load("a").get(20, TimeUnit.SECONDS);
            CompletableFuture<HttpResponse<String>> busy = swapdeck.chatAsync("a", "\"demo_think_ms\":2500");
            Await.until("a busy", SOON, () -> swapdeck.core.status("a").inFlight() == 1);

            try (Socket socket = RawHttp.open(swapdeck.base.getPort(), "GET", "/upstream/b/health", null, false)) {
                Await.until("b queued", SOON, () -> swapdeck.core.status("b").inFlight() == 1);
            }
            Await.until("b withdrawn", SOON, () -> swapdeck.core.status("b").inFlight() == 0);

            assertEquals(200, busy.get(20, TimeUnit.SECONDS).statusCode());
            assertEquals(200, swapdeck.chat("a", "").statusCode(), "a still serves, with no swap in between");
            assertTrue(moves.matching(m -> m.model().equals("b")).isEmpty(), "b never started: " + moves.events());
        }
    }

    /**
     * With {@code sendLoadingState} the response begins with loading messages, written every 750 ms;
     * a departure is still noticed within 100 ms, before the busy model is free, so it is not stopped.
     */
    @Test
    void aClientThatLeavesALoadingStreamCausesNoSwap() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a"),
                TestModels.model("b").sendLoadingState().build()));
             EventRecorder<StateChanged> moves = EventRecorder.record(swapdeck.core.engine.events(), StateChanged.class)) {
            swapdeck.core.engine.load("a").get(20, TimeUnit.SECONDS);
            // busy for 1 s: room for a slow machine to open the stream and leave before a is free
            CompletableFuture<HttpResponse<String>> busy = swapdeck.chatAsync("a", "\"demo_think_ms\":1000");
            Await.until("a busy", SOON, () -> swapdeck.core.status("a").inFlight() == 1);

            String body = "{\"model\":\"b\",\"stream\":true,\"messages\":[]}";
            try (Socket socket = RawHttp.open(swapdeck.base.getPort(), "POST", "/v1/chat/completions", body, false)) {
                socket.setSoTimeout(10_000);
                assertTrue(new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1)
                        .equals("HTTP/1.1 200"), "the loading stream has begun");
            }
            assertEquals(200, busy.get(20, TimeUnit.SECONDS).statusCode());
            Await.until("b withdrawn", SOON, () -> swapdeck.core.status("b").inFlight() == 0);
            Thread.sleep(400); // past the 200 ms a model that just answered lingers before a swap stops it
            assertTrue(moves.matching(m -> m.model().equals("a") && m.from() == ProcessState.READY).isEmpty(),
                    "a was never stopped for a client that had left: " + moves.events());
        }
    }

    @Test
    void aDepartureWhileStartingIsReleasedWhenTheStartEndsAndTheStartServesTheNextClient() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(
                TestModels.demo("slow", "--health-delay-ms", "1500")))) {
            CompletableFuture<HttpResponse<String>>[] staying = new CompletableFuture[1];
            sendAndLeave(swapdeck, "slow", () -> {
                Await.until("starting", SOON, () -> swapdeck.core.state("slow") == ProcessState.STARTING);
                staying[0] = swapdeck.chatAsync("slow", "");
                Await.until("both wait", SOON, () -> swapdeck.core.status("slow").inFlight() == 2);
            });

            assertEquals(200, staying[0].get(20, TimeUnit.SECONDS).statusCode(), "the start was not wasted");
            Await.until("everything released", SOON, () -> swapdeck.core.status("slow").inFlight() == 0);
            assertEquals(ProcessState.READY, swapdeck.core.state("slow"));
            assertEquals(1, swapdeck.core.logs.proxyHistory().stream()
                    .filter(l -> l.text().startsWith("spawned pid")).count(), "one start served both");
        }
    }
}
