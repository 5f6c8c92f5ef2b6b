package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.loading.LoadProgress.Stage;
import com.fasterxml.jackson.databind.JsonNode;
import dev.swapdeck.loading.LoadProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The loading messages have llama-swap's shape: OpenAI chunks whose delta is only reasoning text. */
class LoadingMessagesTest {
    private final LoadingMessages messages = new LoadingMessages("qwen");

    private static List<JsonNode> events(String sse) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String event : sse.split("\n\n")) {
            assertTrue(event.startsWith("data: "), event);
            events.add(ProxyFixture.JSON.readTree(event.substring(6)));
        }
        return events;
    }

    private static String reasoning(List<JsonNode> events) {
        StringBuilder text = new StringBuilder();
        for (JsonNode event : events) {
            JsonNode delta = event.path("choices").get(0).path("delta");
            assertEquals(1, delta.size(), "only reasoning_content, as llama-swap sends: " + event);
            assertEquals("chat.completion.chunk", event.path("object").asText());
            assertEquals(0, event.path("choices").get(0).path("index").asInt());
            text.append(delta.path("reasoning_content").asText());
        }
        return text.toString();
    }

    @Test
    void openingTicksAndClosingReadAsOneReasoningText() throws Exception {
        LoadProgress known = new LoadProgress("qwen", Instant.now(), Duration.ofSeconds(3), Optional.of(Duration.ofSeconds(12)), Stage.LOADING);
        StringBuilder sse = new StringBuilder(messages.opening());
        for (int tick = 1; tick <= LoadingMessages.TICKS_PER_LINE; tick++) {
            sse.append(messages.tick(tick, Duration.ofSeconds(5), Optional.of(known), List.of()));
        }
        sse.append(messages.closing(Duration.ofMillis(12_345), true));
        assertEquals("━━━━━\nSwapdeck loading model: qwen\n...\n5 s so far, 25%, about 9 s left \nDone! (12.35s)\n━━━━━\n \n",
                reasoning(events(sse.toString())));
    }

    @Test
    void aFirstLoadSaysItHasNoEstimateAndAFailureSaysSo() throws Exception {
        LoadProgress unknown = new LoadProgress("qwen", Instant.now(), Duration.ofSeconds(8), Optional.empty(), Stage.LOADING);
        String text = reasoning(events(messages.tick(LoadingMessages.TICKS_PER_LINE, Duration.ofSeconds(8),
                Optional.of(unknown), List.of())
                + messages.closing(Duration.ofSeconds(2), false)));
        assertEquals("\n8 s so far, loading (first load: no estimate yet) \nLoading failed after 2.00s\n━━━━━\n \n", text);
    }

    @Test
    void beforeTheStartBeginsItNamesTheModelsItWaitsFor() throws Exception {
        String text = reasoning(events(messages.tick(LoadingMessages.TICKS_PER_LINE, Duration.ofSeconds(4),
                Optional.empty(), List.of("llama"))
                + messages.tick(LoadingMessages.TICKS_PER_LINE, Duration.ofSeconds(4), Optional.empty(), List.of())));
        assertEquals("\n4 s so far, waiting for llama to finish \n4 s so far, waiting for the start ", text);
    }
}
