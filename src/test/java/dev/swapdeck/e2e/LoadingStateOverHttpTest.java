package dev.swapdeck.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.process.StateChanged;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.TestModels;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * llama-swap's {@code sendLoadingState} over real starts: a streaming chat request that waits for its
 * model gets loading progress first, then the model's own answer, all of it OpenAI chunks.
 */
class LoadingStateOverHttpTest {

    @Test
    void aStreamThatWaitsForAStartShowsLoadingThenTheAnswer() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.model("a")
                .demoArgs("--health-delay-ms", "1800").sendLoadingState().build()))) {
            AtomicLong readyNanos = new AtomicLong();
            swapdeck.core.logs.bus().subscribe(event -> {
                if (event instanceof StateChanged change && change.to() == ProcessState.READY) {
                    readyNanos.compareAndSet(0, System.nanoTime());
                }
            });
            LiveSwapdeck.Stream stream = swapdeck.stream("a", 5, 10, () -> { });
            assertEquals(200, stream.status());
            assertTrue(stream.finished(), stream.events().toString());
            assertEquals("no", stream.headers().firstValue("X-Accel-Buffering").orElse(""),
                    "a proxy in front (nginx) must not buffer the loading messages");

            StringBuilder reasoning = new StringBuilder();
            StringBuilder answer = new StringBuilder();
            int firstAnswer = -1;
            for (int i = 0; i < stream.events().size() - 1; i++) {
                JsonNode chunk = LiveSwapdeck.JSON.readTree(stream.events().get(i));
                JsonNode delta = chunk.path("choices").get(0).path("delta");
                assertTrue(chunk.path("choices").isArray(), "every event parses as an OpenAI chunk: " + chunk);
                if (delta.has("reasoning_content")) {
                    assertEquals(-1, firstAnswer, "no loading message after the answer began");
                    reasoning.append(delta.path("reasoning_content").asText());
                } else if (delta.has("content")) {
                    firstAnswer = firstAnswer < 0 ? i : firstAnswer;
                    answer.append(delta.path("content").asText());
                }
            }
            assertTrue(reasoning.toString().startsWith("━━━━━\nSwapdeck loading model: a\n"), reasoning.toString());
            assertTrue(reasoning.toString().contains("Done! ("), reasoning.toString());
            assertTrue(answer.toString().startsWith("Hello from a!"), answer.toString());
            assertTrue(stream.arrivalNanos().get(0) < readyNanos.get(),
                    "the first loading message came while the model was still starting");

            JsonNode record = ObservabilityOverHttpTest.awaitRecords(swapdeck, 1).get(0);
            assertEquals("start", record.path("waitedFor").asText());
            assertTrue(record.path("ttftMs").asDouble() >= record.path("waitMs").asDouble(),
                    "the loading messages are not the first token: " + record);
            assertEquals(5, record.path("generatedTokens").asInt());

            LiveSwapdeck.Stream again = swapdeck.stream("a", 3, 0, () -> { });
            assertFalse(again.events().stream().anyMatch(e -> e.contains("reasoning_content")),
                    "a ready model answers at once, without loading messages");
            assertEquals("no", again.headers().firstValue("X-Accel-Buffering").orElse(""),
                    "the upstream's event stream is marked unbuffered too");
        }
    }

    /**
     * Java's {@code HttpClient} offers {@code Upgrade: h2c} on every plain request by default; that
     * offer once sent the request down the upgrade path, which could not go on from the loading
     * messages, and the answer was lost behind a clean end of stream.
     */
    @Test
    void aClientOfferingH2cGetsTheAnswerAfterTheLoadingMessages() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.model("a")
                .demoArgs("--health-delay-ms", "600").sendLoadingState().build()))) {
            HttpClient offersH2c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
            HttpResponse<String> response = offersH2c.send(swapdeck.chatRequest("a", "\"stream\":true,\"max_tokens\":3"),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals(HttpClient.Version.HTTP_1_1, response.version(), "the offer is declined, not taken up");
            assertTrue(response.body().contains("Swapdeck loading model: a"), response.body());
            assertTrue(response.body().contains("\"content\":\"Hello \""), response.body());
            assertTrue(response.body().contains("data: [DONE]"), response.body());
        }
    }

    @Test
    void aStreamWaitingForASwapSaysWhatItWaitsForCountsUpAndThenUsesTheLearnedEstimate() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a"),
                TestModels.model("b").demoArgs("--health-delay-ms", "3500").sendLoadingState().build()))) {
            assertEquals(200, swapdeck.chat("b", "").statusCode());
            assertTrue(swapdeck.core.engine.loads().times().expected("b").isPresent(), "b's load time is learned");
            CompletableFuture<HttpResponse<String>> answer = swapdeck.chatAsync("a",
                    "\"stream\":true,\"max_tokens\":40,\"demo_delay_ms\":200");
            Await.until("a serving an eight-second answer", Duration.ofSeconds(20), () -> swapdeck.core.engine.models()
                    .stream().anyMatch(m -> m.id().equals("a") && m.inFlight() == 1
                            && m.process().state() == ProcessState.READY));

            LiveSwapdeck.Stream stream = swapdeck.stream("b", 3, 0, () -> { });
            assertEquals(200, stream.status());
            assertTrue(stream.finished(), stream.events().toString());
            StringBuilder reasoning = new StringBuilder();
            for (String event : stream.events()) {
                JsonNode delta = event.startsWith("{") ? LiveSwapdeck.JSON.readTree(event).path("choices").get(0).path("delta")
                        : LiveSwapdeck.JSON.missingNode();
                reasoning.append(delta.path("reasoning_content").asText());
            }
            String text = reasoning.toString();
            assertTrue(text.contains("waiting for a to finish"), text);
            assertFalse(text.contains("no estimate"), "b's load time is known: " + text);
            assertTrue(text.contains("%, about "), "the start shows the learned estimate: " + text);
            Matcher seconds = Pattern.compile("(\\d+) s so far").matcher(text);
            long last = -1;
            while (seconds.find()) {
                long now = Long.parseLong(seconds.group(1));
                assertTrue(now >= last, "the seconds only count up: " + text);
                last = now;
            }
            assertEquals(200, answer.get(20, TimeUnit.SECONDS).statusCode());
        }
    }

    @Test
    void aStartThatFailsEndsTheLoadingStreamWithTheError() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.model("a")
                .demoArgs("--exit-at-start", "3").sendLoadingState().build()))) {
            LiveSwapdeck.Stream stream = swapdeck.stream("a", 5, 10, () -> { });
            assertEquals(200, stream.status(), "the stream had begun before the start failed");
            String last = stream.events().get(stream.events().size() - 1);
            JsonNode error = LiveSwapdeck.JSON.readTree(last).path("error");
            assertTrue(error.path("message").asText().contains("code 3"), last);
            assertTrue(stream.events().stream().anyMatch(e -> e.contains("Loading failed after")), stream.events().toString());
        }
    }

    /** As in llama-swap, the concurrency limit is checked before any loading message: past it is a 429. */
    @Test
    void aStreamPastTheConcurrencyLimitIs429NotALoadingStream() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.model("a")
                .demoArgs("--health-delay-ms", "3000").concurrencyLimit(1).sendLoadingState().build()))) {
            CompletableFuture<HttpResponse<String>> first = swapdeck.chatAsync("a", "\"stream\":true");
            Await.until("the first request is admitted", Duration.ofSeconds(10),
                    () -> swapdeck.core.status("a").inFlight() == 1);
            HttpResponse<String> second = swapdeck.chat("a", "\"stream\":true");
            assertEquals(429, second.statusCode(), second.headers() + second.body());
            assertEquals("concurrency_limit", LiveSwapdeck.error(second).path("code").asText(), second.body());
            HttpResponse<String> admitted = first.get(30, TimeUnit.SECONDS);
            assertEquals(200, admitted.statusCode());
            assertTrue(admitted.body().contains("Swapdeck loading model: a"), admitted.body());
        }
    }

    @Test
    void aRequestThatDoesNotStreamIsUnchanged() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.model("a")
                .demoArgs("--health-delay-ms", "500").sendLoadingState().build()))) {
            HttpResponse<String> response = swapdeck.chat("a", "");
            assertEquals(200, response.statusCode());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
            assertEquals("a", LiveSwapdeck.servedBy(response));
        }
    }
}
