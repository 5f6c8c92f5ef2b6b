package dev.swapdeck.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swapdeck.testing.RunningDemoUpstream;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo upstream's HTTP behaviour, against one shared instance. */
class DemoUpstreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static RunningDemoUpstream upstream;

    @BeforeAll
    static void start() {
        upstream = RunningDemoUpstream.start("--model", "alpha");
    }

    @AfterAll
    static void stop() throws Exception {
        upstream.close();
    }

    @Test
    void chatCompletionNamesTheServingModelAndEchoesTheRequest() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", "{\"model\":\"asked\",\"temperature\":0.5}");
        JsonNode body = JSON.readTree(response.body());
        assertEquals(200, response.statusCode());
        assertEquals("alpha", body.get("served_by").asText());
        assertEquals("asked", body.get("model").asText());
        assertEquals(0.5, body.at("/received/temperature").asDouble());
        assertTrue(body.at("/choices/0/message/content").asText().contains("alpha"));
        upstream.awaitLine(line -> line.equals("request POST /v1/chat/completions model=asked"), Duration.ofSeconds(5));
    }

    @Test
    void textCompletionHasTextChoices() throws Exception {
        JsonNode body = JSON.readTree(post("/v1/completions", "{\"prompt\":\"hi\"}").body());
        assertEquals("text_completion", body.get("object").asText());
        assertTrue(body.at("/choices/0/text").asText().contains("alpha"));
    }

    /**
     * Each chunk reaches the client before the next one is made: flushed at once, not held until the end.
     * Compared with the chunks' own {@code sent_at_micros} (the same clock), so a client thread that a
     * loaded machine wakes late still sees each chunk ahead of the next one's 300 ms pause.
     */
    @Test
    void streamingSendsPacedChunksEachFlushedAtOnce() throws Exception {
        String request = "{\"model\":\"alpha\",\"stream\":true,\"max_tokens\":4,\"demo_delay_ms\":300}";
        HttpResponse<InputStream> response = HTTP.send(
                HttpRequest.newBuilder(upstream.uri("/v1/chat/completions"))
                        .POST(HttpRequest.BodyPublishers.ofString(request)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElse(""));
        List<Long> arrivalMicros = new ArrayList<>();
        List<String> data = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("data: ")) {
                    Instant now = Instant.now();
                    arrivalMicros.add(now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000L);
                    data.add(line.substring(6));
                }
            }
        }
        assertEquals(5, data.size(), data::toString);
        assertEquals("[DONE]", data.get(4));
        List<Long> sentMicros = new ArrayList<>();
        for (String chunk : data.subList(0, 4)) {
            sentMicros.add(JSON.readTree(chunk).get("sent_at_micros").asLong());
        }
        assertEquals("chat.completion.chunk", JSON.readTree(data.get(0)).get("object").asText());
        assertTrue(sentMicros.get(3) - sentMicros.get(0) >= 3 * 290_000L, "paced: " + sentMicros);
        assertEquals("stop", JSON.readTree(data.get(3)).at("/choices/0/finish_reason").asText());
        for (int i = 0; i < 3; i++) {
            assertTrue(arrivalMicros.get(i) < sentMicros.get(i + 1), "chunk " + i + " arrived at " + arrivalMicros.get(i)
                    + ", after the next one was made at " + sentMicros.get(i + 1) + ": held, not flushed");
        }
    }

    @Test
    void demoStatusAnswersThatStatusWithAnOpenAiShapedError() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", "{\"model\":\"alpha\",\"demo_status\":429}");
        assertEquals(429, response.statusCode());
        assertEquals(429, JSON.readTree(response.body()).at("/error/code").asInt());
    }

    @Test
    void bodyThatIsNotJsonIsRefused() throws Exception {
        assertEquals(400, post("/v1/chat/completions", "not json").statusCode());
    }

    @Test
    void anyOtherPathIsEchoedWithTheBodyHash() throws Exception {
        String body = "{\"model\":\"alpha\",\"input\":\"embed me\"}";
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(upstream.uri("/v1/embeddings?x=1"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode echo = JSON.readTree(response.body());
        assertEquals("POST", echo.get("method").asText());
        assertEquals("/v1/embeddings", echo.get("path").asText());
        assertEquals("x=1", echo.get("query").asText());
        assertEquals("application/json", echo.get("content_type").asText());
        assertEquals(body.length(), echo.get("body_bytes").asInt());
        String sha = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(sha, echo.get("body_sha256").asText());
    }

    @Test
    void modelsListsTheServedName() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(upstream.uri("/v1/models")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("alpha", JSON.readTree(response.body()).at("/data/0/id").asText());
    }

    @Test
    void healthIsOkWithoutDelay() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(upstream.uri("/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("ok", JSON.readTree(response.body()).get("status").asText());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        URI uri = upstream.uri(path);
        return HTTP.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
