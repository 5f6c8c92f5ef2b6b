package dev.swapdeck.e2e;

import static dev.swapdeck.e2e.LiveSwapdeck.error;
import static dev.swapdeck.e2e.LiveSwapdeck.servedBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.logging.LogLine;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.TestModels;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a client is told when a server cannot start, dies, or refuses; and where its output goes. */
class FailuresOverHttpTest {
    private static final Duration SOON = Duration.ofSeconds(20);

    @Test
    void commandNotFoundIsA502ThatSaysSo() throws Exception {
        var missing = TestModels.model("ghost").cmd(List.of("/nonexistent/llama-server", "--port", "1")).build();
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(missing))) {
            HttpResponse<String> response = swapdeck.chat("ghost", "");
            assertEquals(502, response.statusCode());
            assertTrue(error(response).path("message").asText().contains("command not found"), response.body());
        }
    }

    /** checkEndpoint: none makes a model ready as soon as it is spawned; the 502 of a closed port says so. */
    @Test
    void aModelReadyUncheckedThatDoesNotListenYetIsA502ThatNamesCheckEndpoint() throws Exception {
        var unchecked = TestModels.model("unchecked").noCheckEndpoint().cmd(List.of("sleep", "30")).build();
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(unchecked))) {
            HttpResponse<String> response = swapdeck.chat("unchecked", "");
            assertEquals(502, response.statusCode());
            String message = error(response).path("message").asText();
            assertTrue(message.contains("could not connect") && message.endsWith("its checkEndpoint is none, so requests"
                    + " go to it as soon as it is spawned: set checkEndpoint to a path it answers with 200 once it serves"
                    + " (llama-server's /health), and requests wait for that"), message);
        }
    }

    @Test
    void aServerThatExitsDuringStartIsA502WithItsExitCode() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("quitter", "--exit-at-start", "7")))) {
            HttpResponse<String> response = swapdeck.chat("quitter", "");
            assertEquals(502, response.statusCode());
            assertTrue(error(response).path("message").asText().contains("exited with code 7"), response.body());
        }
    }

    @Test
    void aCrashedServerIsStartedAgainByTheNextRequest() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("fragile", "--exit-after", "1")))) {
            assertEquals(200, swapdeck.chat("fragile", "").statusCode());
            long firstPid = swapdeck.core.status("fragile").process().pid().orElseThrow();
            Await.until("crash noticed", SOON, () -> swapdeck.core.state("fragile") == ProcessState.STOPPED);
            assertTrue(swapdeck.core.status("fragile").process().lastError().orElse("").contains("exited with code 3"));

            HttpResponse<String> again = swapdeck.chat("fragile", "");
            assertEquals(200, again.statusCode(), again.body());
            assertEquals("fragile", servedBy(again));
            assertNotEquals(firstPid, swapdeck.core.status("fragile").process().pid().orElseThrow());
        }
    }

    /** A server killed while it works on a request: the 502 says how it ended, not only that it hung up. */
    @Test
    void aServerKilledWithTheRequestIsA502ThatNamesTheSignal() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("doomed")))) {
            assertEquals(200, swapdeck.chat("doomed", "").statusCode());
            long pid = swapdeck.core.status("doomed").process().pid().orElseThrow();
            var answer = swapdeck.chatAsync("doomed", "\"demo_think_ms\":10000");
            // read by the server, not only leased: one it never read would be sent to a new start instead
            Await.until("the request read by the server", SOON, () -> swapdeck.core.logs.modelHistory("doomed").stream()
                    .filter(line -> line.text().startsWith("request POST")).count() == 2);

            new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();

            HttpResponse<String> failed = answer.get(SOON.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(502, failed.statusCode(), failed.body());
            assertTrue(error(failed).path("message").asText().contains("because doomed's server exited with code 137 (SIGKILL)"),
                    failed.body());
        }
    }

    /** An unload that cuts a request before its answer began is named, and the request is not sent again. */
    @Test
    void aRequestCutByAnUnloadIsA502ThatNamesTheUnload() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a")))) {
            assertEquals(200, swapdeck.chat("a", "").statusCode());
            var slow = swapdeck.chatAsync("a", "\"demo_delay_ms\":400");
            Await.until("the slow chat is in flight", SOON, () -> swapdeck.core.status("a").inFlight() == 1);
            swapdeck.core.engine.unload("a").get(20, java.util.concurrent.TimeUnit.SECONDS);
            HttpResponse<String> cut = slow.get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(502, cut.statusCode(), cut.body());
            String message = error(cut).path("message").asText();
            assertTrue(message.endsWith("because a was stopped (unloaded)"), message);
            assertTrue(!message.contains("first connection") && !message.contains("could not connect"),
                    "not sent again to the stopping server: " + message);
        }
    }

    @Test
    void aStreamHoldingTheOnlySlotMakesTheNextRequestA429() throws Exception {
        var single = TestModels.model("single").concurrencyLimit(1).build();
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(single))) {
            int[] refused = new int[1];
            String[] retryAfter = new String[1];
            String[] message = new String[1];
            // the stream lasts 3 s: the second request must find it still holding the slot, on a slow machine too
            LiveSwapdeck.Stream stream = swapdeck.stream("single", 10, 300, () -> {
                try {
                    HttpResponse<String> second = swapdeck.chat("single", "");
                    refused[0] = second.statusCode();
                    retryAfter[0] = second.headers().firstValue("Retry-After").orElse(null);
                    message[0] = error(second).path("message").asText();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(stream.finished());
            assertEquals(429, refused[0]);
            assertTrue(retryAfter[0] != null, "429 carries Retry-After");
            assertTrue(message[0].startsWith("model 'single' already has 1 request being served or waiting for it (concurrencyLimit 1 counts both"), message[0]);
            assertEquals(200, swapdeck.chat("single", "").statusCode(), "the slot is free once the stream ended");
        }
    }

    /**
     * A 429 while the model starts asks for a wait as long as its start has left, by the load time
     * learned before: no slot can free sooner, and a client retrying after 1 s would only be refused again.
     */
    @Test
    void a429DuringAStartAsksTheClientToWaitForTheStartsExpectedEnd() throws Exception {
        // a model of its own: load times learned by the other tests' models must not count
        var slow = TestModels.model("slow-single").concurrencyLimit(1).demoArgs("--health-delay-ms", "1500").build();
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(slow))) {
            for (int i = 0; i < 5; i++) {
                swapdeck.core.engine.loads().times().learn("slow-single", Duration.ofSeconds(20));
            }
            var first = swapdeck.chatAsync("slow-single", "");
            Await.until("the start is under way", SOON, () -> swapdeck.core.state("slow-single") == ProcessState.STARTING);
            HttpResponse<String> second = swapdeck.chat("slow-single", "");

            assertEquals(429, second.statusCode(), second.body());
            long retryAfter = Long.parseLong(second.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter > 10 && retryAfter <= 20, "the learned 20 s less the start's elapsed part: " + retryAfter);
            String message = error(second).path("message").asText();
            assertTrue(message.endsWith("none can end before the model has started, retry then or raise concurrencyLimit"),
                    message);
            assertEquals(200, first.get(SOON.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).statusCode());
        }
    }

    /**
     * A model's slot is free by the time its client has the whole answer: the next request, on
     * another connection (perhaps served by the other IO thread), is never refused for the slot of
     * one that has visibly ended. Streams and sized answers alike.
     */
    @Test
    void theSlotIsFreeOnceTheClientHasTheWholeAnswer() throws Exception {
        var single = TestModels.model("single").concurrencyLimit(1).build();
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(single))) {
            HttpClient[] clients = {swapdeck.client, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()};
            HttpRequest[] requests = {swapdeck.chatRequest("single", ""),
                    swapdeck.chatRequest("single", "\"stream\":true,\"max_tokens\":2,\"demo_delay_ms\":0")};
            List<String> refused = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                HttpResponse<String> response = clients[i % 2].send(requests[(i / 2) % 2], HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    refused.add(i + ": " + response.statusCode());
                }
            }
            assertEquals(List.of(), refused, "every request came after the one before had ended");
        }
    }

    @Test
    void anUpstreamErrorPassesThroughUnchanged() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a")))) {
            HttpResponse<String> response = swapdeck.chat("a", "\"demo_status\":418");
            assertEquals(418, response.statusCode());
            assertTrue(response.body().contains("error"), response.body());
        }
    }

    @Test
    void serverOutputGoesToTheUpstreamLogAndNeverToTheProxyLog() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a")))) {
            assertEquals(200, swapdeck.chat("a", "").statusCode());
            Await.until("request line logged", SOON, () -> swapdeck.core.logs.upstreamHistory().stream()
                    .anyMatch(l -> l.text().contains("request POST /v1/chat/completions")));
            assertTrue(swapdeck.core.logs.modelHistory("a").stream().anyMatch(l -> l.text().startsWith("listening on")));
            List<String> proxy = swapdeck.core.logs.proxyHistory().stream().map(LogLine::text).toList();
            assertTrue(proxy.stream().noneMatch(t -> t.contains("request POST") || t.startsWith("listening on http://127.0.0.1:"
                    + swapdeck.core.status("a").config().port().orElseThrow())), proxy.toString());
            HttpResponse<String> proxyStream = swapdeck.client.send(java.net.http.HttpRequest.newBuilder(
                    swapdeck.base.resolve("/logs")).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(proxyStream.body().contains("request POST /v1/chat/completions"), "/logs has both histories");
        }
    }
}
