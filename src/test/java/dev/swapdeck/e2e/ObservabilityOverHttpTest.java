package dev.swapdeck.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.TestModels;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Swapdeck observes of real requests to a real upstream process that reports {@code usage} and
 * {@code timings} as llama-server does: the activity records and the Prometheus metrics.
 */
class ObservabilityOverHttpTest {
    private static final Duration SOON = Duration.ofSeconds(20);

    @Test
    void activityRecordsCountTokensAndMeasureSpeedForStreamsAndWholeBodies() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a", "--health-delay-ms", "200")))) {
            HttpResponse<String> whole = swapdeck.chat("a", "\"demo_delay_ms\":5");
            assertEquals(200, whole.statusCode(), whole.body());
            LiveSwapdeck.Stream stream = swapdeck.stream("a", 6, 40, () -> { });
            assertTrue(stream.finished());
            List<JsonNode> records = awaitRecords(swapdeck, 2);

            JsonNode first = records.get(0);
            assertEquals("a", first.path("model").asText());
            assertEquals("/v1/chat/completions", first.path("path").asText());
            assertEquals(200, first.path("status").asInt());
            assertEquals(false, first.path("stream").asBoolean());
            assertEquals(1, first.path("promptTokens").asInt(), "one word, 'hi', in the messages");
            assertEquals(10, first.path("generatedTokens").asInt(), "the demo's answer has 10 words");
            assertEquals("start", first.path("waitedFor").asText(), "the first request started the model");
            assertTrue(first.path("waitMs").asDouble() >= 200, "it waited for the 200 ms health delay: " + first);
            assertTrue(first.path("ttftMs").asDouble() >= first.path("waitMs").asDouble(), first.toString());
            double wholeSpeed = first.path("tokensPerSecond").asDouble();
            assertTrue(wholeSpeed > 10 && wholeSpeed < 10 / 0.045 * 1.01,
                    "10 tokens 5 ms apart report at most ~222 tokens/s: " + first);

            JsonNode streamed = records.get(1);
            assertEquals(true, streamed.path("stream").asBoolean());
            assertEquals(6, streamed.path("generatedTokens").asInt());
            assertFalse(streamed.path("generatedTokensCounted").asBoolean(true), "reported by the server: " + streamed);
            assertEquals("none", streamed.path("waitedFor").asText(), "the model was ready");
            double speed = streamed.path("tokensPerSecond").asDouble();
            assertTrue(speed > 5 && speed <= 6 / 0.2 * 1.01, "6 tokens 40 ms apart: about 30/s, got " + streamed);
            // most of the 200 ms: the first token's reading can wait for a core on a busy machine, the last's not
            assertTrue(streamed.path("durationMs").asDouble() - streamed.path("ttftMs").asDouble() >= 120,
                    "the first token came before the five 40 ms gaps: " + streamed);
            assertTrue(first.path("interrupted").isNull() && streamed.path("interrupted").isNull(), "both whole");
        }
    }

    /** A stream the client leaves, or the model's unload cuts, is recorded as ended early, not as a clean 200. */
    @Test
    void anAnswerCutShortIsRecordedSo() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a")))) {
            HttpResponse<InputStream> left = swapdeck.client.send(swapdeck.chatRequest("a",
                    "\"stream\":true,\"max_tokens\":50,\"demo_delay_ms\":50"), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = left.body()) {
                assertTrue(body.read() >= 0, "the first chunk came");
            }
            JsonNode clientLeft = awaitRecords(swapdeck, 1).get(0);
            assertEquals(200, clientLeft.path("status").asInt());
            assertTrue(clientLeft.path("interrupted").asText().contains("client left"), clientLeft.toString());

            HttpResponse<InputStream> cut = swapdeck.client.send(swapdeck.chatRequest("a",
                    "\"stream\":true,\"max_tokens\":50,\"demo_delay_ms\":50"), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = cut.body()) {
                assertTrue(body.read() >= 0, "the first chunk came");
                swapdeck.core.engine.unload("a").get(10, TimeUnit.SECONDS);
                String rest = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                assertFalse(rest.contains("[DONE]"), "the unload ended the stream: " + rest);
            } catch (IOException e) {
                // a stream cut mid-chunk reads as an error here: that is the cut
            }
            JsonNode unloaded = awaitRecords(swapdeck, 2).get(1);
            assertEquals("the answer was cut: a was stopped (unloaded)", unloaded.path("interrupted").asText(),
                    "the unload is named, not the model's server: " + unloaded);

            // a fast stream: the write to the departed client fails, and that failure ends the exchange
            try (Socket client = new Socket("127.0.0.1", swapdeck.base.getPort())) {
                byte[] body = "{\"model\":\"a\",\"stream\":true,\"max_tokens\":20000,\"messages\":[]}"
                        .getBytes(StandardCharsets.UTF_8);
                client.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                client.getOutputStream().write(body);
                assertTrue(client.getInputStream().read() >= 0, "the answer began");
            }
            JsonNode gone = awaitRecords(swapdeck, 3).get(2);
            assertFalse(gone.path("interrupted").isNull(), gone.toString());

            // a record is listed before it is published to the meters: a scrape may run between the two
            PrometheusText metrics = scrape(swapdeck);
            for (int tries = 0; tries < 100 && metrics.value("swapdeck_requests_interrupted_total", "model", "a") < 3.0; tries++) {
                Thread.sleep(10);
                metrics = scrape(swapdeck);
            }
            assertEquals(3.0, metrics.value("swapdeck_requests_interrupted_total", "model", "a"), "each cut answer is counted");
            assertEquals(3.0, metrics.value("swapdeck_requests_total", "model", "a", "status", "200"),
                    "under the status its answer began with");
        }
    }

    /** A client that gives up while its model starts got no answer: not a 200, and said why. */
    @Test
    void aClientThatLeftWhileItsModelStartedIsRecordedAsGoneNotServed() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("slow", "--health-delay-ms", "3000")))) {
            try (Socket client = new Socket("127.0.0.1", swapdeck.base.getPort())) {
                byte[] body = "{\"model\":\"slow\",\"stream\":true,\"messages\":[]}".getBytes(StandardCharsets.UTF_8);
                client.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                client.getOutputStream().write(body);
                Await.until("the request waits for slow's start", SOON, () -> swapdeck.core.state("slow") == ProcessState.STARTING);
            }
            JsonNode left = awaitRecords(swapdeck, 1).get(0);
            assertEquals(499, left.path("status").asInt(), left.toString());
            assertEquals("the client left while it waited for its model to start", left.path("interrupted").asText());
            assertEquals("start", left.path("waitedFor").asText());
        }
    }

    /** Waiting behind another model's answer is waiting for a swap, even when the client leaves before the stop. */
    @Test
    void aClientThatLeftWhileItsModelWaitedForASwapIsRecordedAsWaitingForTheSwap() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a"), TestModels.demo("b")))) {
            swapdeck.core.engine.load("a").get(10, TimeUnit.SECONDS);
            CompletableFuture<HttpResponse<String>> answer = swapdeck.chatAsync("a",
                    "\"stream\":true,\"max_tokens\":25,\"demo_delay_ms\":200");
            Await.until("a serving a five-second answer", SOON, () -> swapdeck.core.status("a").inFlight() == 1);
            try (Socket client = new Socket("127.0.0.1", swapdeck.base.getPort())) {
                byte[] body = "{\"model\":\"b\",\"messages\":[]}".getBytes(StandardCharsets.UTF_8);
                client.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                client.getOutputStream().write(body);
                Await.until("b's request waits for a's answer", SOON, () -> swapdeck.core.status("b").inFlight() == 1);
            }
            JsonNode left = awaitRecords(swapdeck, 1).get(0);
            assertEquals("b", left.path("model").asText(), left.toString());
            assertEquals(499, left.path("status").asInt(), left.toString());
            assertEquals("swap", left.path("waitedFor").asText(), left.toString());
            assertEquals("the client left while it waited for a swap", left.path("interrupted").asText());
            assertEquals(ProcessState.READY, swapdeck.core.state("a"), "a never began to stop");
            assertEquals(200, answer.get(SOON.toSeconds(), TimeUnit.SECONDS).statusCode());
        }
    }

    /** A client that gives up while its model thinks got no answer either: 499, not the 200 nothing sent. */
    @Test
    void aClientThatLeftBeforeTheAnswerBeganIsRecordedAsGone() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a")))) {
            assertEquals(200, swapdeck.client.send(swapdeck.chatRequest("a", "\"max_tokens\":1"),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            try (Socket client = new Socket("127.0.0.1", swapdeck.base.getPort())) {
                byte[] body = "{\"model\":\"a\",\"stream\":true,\"demo_think_ms\":5000,\"messages\":[]}"
                        .getBytes(StandardCharsets.UTF_8);
                client.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                client.getOutputStream().write(body);
                Await.until("the request is in flight", SOON, () -> swapdeck.core.status("a").inFlight() == 1);
            }
            JsonNode left = awaitRecords(swapdeck, 2).get(1);
            assertEquals(499, left.path("status").asInt(), left.toString());
            assertEquals("the client left before the answer ended", left.path("interrupted").asText());
            assertTrue(left.path("stream").asBoolean(), "it asked for a stream, though none began: " + left);
            assertFalse(awaitRecords(swapdeck, 2).get(0).path("stream").asBoolean(), "the first did not ask");
        }
    }

    @Test
    void anOpenAiClientAskingForUsageGetsItCountedFromTheLastChunk() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a")))) {
            HttpResponse<String> response = swapdeck.client.send(swapdeck.chatRequest("a",
                    "\"stream\":true,\"max_tokens\":3,\"stream_options\":{\"include_usage\":true}"),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(response.body().contains("\"usage\""), response.body());
            JsonNode record = awaitRecords(swapdeck, 1).get(0);
            assertEquals(1, record.path("promptTokens").asInt());
            assertEquals(3, record.path("generatedTokens").asInt());
        }
    }

    @Test
    void metricsParseAsPrometheusTextAndTheirCountersMove() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a"), TestModels.demo("b")))) {
            PrometheusText before = scrape(swapdeck);
            assertEquals(1.0, before.value("swapdeck_model_state", "model", "a", "state", "stopped"));
            assertEquals(0.0, before.valueOrZero("swapdeck_requests_total", "model", "a", "status", "200"));

            assertEquals(200, swapdeck.chat("a", "").statusCode());
            assertEquals(503, swapdeck.chat("a", "\"demo_status\":503").statusCode());
            swapdeck.stream("a", 4, 0, () -> { });
            assertEquals(200, swapdeck.chat("b", "").statusCode());
            awaitRecords(swapdeck, 4);

            PrometheusText after = scrape(swapdeck);
            assertEquals(2.0, after.value("swapdeck_requests_total", "model", "a", "status", "200"));
            assertEquals(1.0, after.value("swapdeck_requests_total", "model", "a", "status", "503"));
            assertEquals(10.0 + 4.0, after.value("swapdeck_generated_tokens_total", "model", "a"));
            assertEquals(3.0, after.value("swapdeck_request_duration_seconds_count", "model", "a"));
            assertEquals(2.0, after.value("swapdeck_time_to_first_token_seconds_bucket", "model", "a", "le", "+Inf"),
                    "the 503's body is no first token");
            assertEquals(1.0, after.value("swapdeck_model_load_seconds_count", "model", "a"));
            assertEquals(1.0, after.value("swapdeck_swaps_total", "model", "a"), "a was swapped out for b");
            assertEquals(1.0, after.value("swapdeck_model_state", "model", "b", "state", "ready"));
            assertEquals(0.0, after.value("swapdeck_requests_waiting", "model", "a"));
            assertEquals(0.0, after.value("swapdeck_requests_in_flight", "model", "b"));
        }
    }

    @Test
    void activityAndLoadProgressArriveLiveOnApiEvents() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a", "--health-delay-ms", "700")))) {
            List<String> lines = swapdeck.follow("/api/events");
            Await.until("connected", SOON, () -> lines.contains(": connected"));
            assertEquals(200, swapdeck.chat("a", "").statusCode());
            Await.until(() -> "an activity event after loading events: " + lines, SOON, () -> {
                int loading = lines.indexOf("event: loading");
                int activity = lines.indexOf("event: activity");
                return loading >= 0 && activity > loading && lines.size() > activity + 1;
            });
            String data = lines.get(lines.indexOf("event: activity") + 1);
            JsonNode record = LiveSwapdeck.JSON.readTree(data.substring("data: ".length()));
            assertEquals("a", record.path("model").asText());
            assertEquals(10, record.path("generatedTokens").asInt());
            JsonNode progress = LiveSwapdeck.JSON.readTree(lines.get(lines.indexOf("event: loading") + 1).substring(6));
            assertEquals("a", progress.path("model").asText());
            assertTrue(progress.path("indeterminate").asBoolean() || progress.has("expectedMs"), progress.toString());
        }
    }

    @Test
    void aRefusedReloadArrivesOnApiEventsWithEveryProblem(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "models:\n  x:\n    cmd: echo ${PORT}\n    ttl: soon\n");
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a")))) {
            List<String> lines = swapdeck.follow("/api/events");
            Await.until("connected", SOON, () -> lines.contains(": connected"));
            CompletableFuture<?> reload = swapdeck.core.engine.reload(broken); // as SIGHUP or --watch-config would
            Await.until(() -> "a configRejected event: " + lines, SOON,
                    () -> lines.indexOf("event: configRejected") >= 0 && lines.size() > lines.indexOf("event: configRejected") + 1);
            assertTrue(reload.isCompletedExceptionally());
            JsonNode rejected = LiveSwapdeck.JSON.readTree(lines.get(lines.indexOf("event: configRejected") + 1).substring(6));
            assertEquals(broken.toString(), rejected.path("file").asText());
            assertTrue(rejected.path("problems").path(0).asText().startsWith(broken + ":4:10: models.x.ttl"), rejected.toString());
        }
    }

    private static PrometheusText scrape(LiveSwapdeck swapdeck) throws Exception {
        HttpResponse<String> response = swapdeck.client.send(HttpRequest.newBuilder(swapdeck.base.resolve("/metrics"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        return PrometheusText.parse(response.body());
    }

    /** The activity records once at least {@code count} are there. */
    static List<JsonNode> awaitRecords(LiveSwapdeck swapdeck, int count) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        Await.until(() -> count + " activity records, got " + records, SOON, () -> {
            try {
                HttpResponse<String> response = swapdeck.client.send(HttpRequest.newBuilder(
                        swapdeck.base.resolve("/api/activity")).GET().build(), HttpResponse.BodyHandlers.ofString());
                records.clear();
                LiveSwapdeck.JSON.readTree(response.body()).path("activity").forEach(records::add);
                return records.size() >= count;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return records;
    }
}
