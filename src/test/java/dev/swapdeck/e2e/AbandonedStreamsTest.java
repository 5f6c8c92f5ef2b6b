package dev.swapdeck.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swapdeck.logging.LogLine;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.TestModels;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A chat app that abandons a stream is routine (SPEC §4): it is never logged as the model's server
 * breaking off, which is what a person reads the log's warnings for.
 */
class AbandonedStreamsTest {
    private static final int STREAMS = 20;

    @Test
    void aClientLeavingAFastStreamIsNotTakenForTheServerBreakingOff() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a")))) {
            byte[] body = "{\"model\":\"a\",\"stream\":true,\"max_tokens\":20000,\"messages\":[]}".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < STREAMS; i++) {
                try (Socket client = new Socket("127.0.0.1", swapdeck.base.getPort())) {
                    client.setSoLinger(true, 0); // a reset, as a client killed or aborted mid-stream sends
                    client.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.UTF_8));
                    client.getOutputStream().write(body);
                    assertTrue(client.getInputStream().read() >= 0, "the answer began");
                }
            }
            Await.until("every stream recorded", Duration.ofSeconds(20), () -> activity(swapdeck).size() == STREAMS);
            List<String> brokeOff = swapdeck.core.logs.proxyHistory().stream().map(LogLine::text)
                    .filter(text -> text.contains("broke off")).toList();
            assertEquals(List.of(), brokeOff, "the client left; the server did not break off");
            for (JsonNode record : activity(swapdeck)) {
                assertTrue(record.path("interrupted").asText().contains("client"), record.toString());
                assertEquals(!record.path("ttftMs").isNull(), record.path("generatedTokensCounted").asBoolean(),
                        "the tokens that came before the client left were counted: " + record);
            }
        }
    }

    private static List<JsonNode> activity(LiveSwapdeck swapdeck) {
        try {
            HttpResponse<String> response = swapdeck.client.send(HttpRequest.newBuilder(swapdeck.base.resolve("/api/activity"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            List<JsonNode> records = new java.util.ArrayList<>();
            LiveSwapdeck.JSON.readTree(response.body()).path("activity").forEach(records::add);
            return records;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
