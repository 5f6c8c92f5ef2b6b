package dev.swapdeck.ui.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.testing.Await;
import dev.swapdeck.ui.playground.ScriptedUpstream.Ending;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How the playground ends an answer whose stream does not end with {@code data: [DONE]}, against a
 * loopback server sending the bytes real servers send: errors inside the stream are shown with the
 * server's message, and a stream that just stops is shown as broken off; the answer so far stays.
 */
class StreamEndingsTest {
    private static final Duration SOON = Duration.ofSeconds(10);

    /** llama-server with --no-context-shift, for a prompt longer than its context. */
    @Test
    void llamaServersErrorLineIsShownWithItsMessage() throws Exception {
        try (ScriptedUpstream upstream = ScriptedUpstream.start(Ending.LAST_CHUNK,
                "error: {\"code\":400,\"message\":\"the request exceeds the available context size, try increasing it\","
                        + "\"type\":\"exceed_context_size_error\"}\n\n",
                "data: [DONE]\n\n")) {
            PlaygroundViewModel playground = answered(upstream);
            assertEquals("the server sent an error: the request exceeds the available context size, try increasing it",
                    playground.statsProperty().get());
            assertEquals("", playground.answer());
        }
    }

    @Test
    void anOpenAiErrorChunkMidAnswerIsShownAfterTheAnswerSoFar() throws Exception {
        try (ScriptedUpstream upstream = ScriptedUpstream.start(Ending.LAST_CHUNK,
                ScriptedUpstream.token("Once"), ScriptedUpstream.token(" upon"),
                "data: {\"error\":{\"message\":\"the slot was released\",\"type\":\"server_error\",\"code\":500}}\n\n")) {
            PlaygroundViewModel playground = answered(upstream);
            assertEquals("Once upon", playground.answer());
            String stats = playground.statsProperty().get();
            assertTrue(stats.startsWith("first token after") && stats.endsWith(" · the server sent an error: the slot was released"),
                    stats);
        }
    }

    /** Swapdeck's own proxy, when a model fails after its loading messages began the response. */
    @Test
    void theProxysErrorEventIsShownWithItsMessage() throws Exception {
        try (ScriptedUpstream upstream = ScriptedUpstream.start(Ending.LAST_CHUNK,
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"Swapdeck loading model: t\\n\"}}]}\n\n",
                "event: error\ndata: {\"error\":{\"message\":\"t exited with code 1 during start\",\"type\":\"server_error\","
                        + "\"code\":502}}\n\n")) {
            PlaygroundViewModel playground = answered(upstream);
            assertEquals("the server sent an error: t exited with code 1 during start", playground.statsProperty().get());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Ending.class, names = {"LAST_CHUNK", "CLOSE_DELIMITED"})
    void aStreamThatEndsBeforeDoneSaysTheAnswerBrokeOff(Ending ending) throws Exception {
        try (ScriptedUpstream upstream = ScriptedUpstream.start(ending,
                ScriptedUpstream.token("Once"), ScriptedUpstream.token(" upon"))) {
            PlaygroundViewModel playground = answered(upstream);
            assertEquals("Once upon", playground.answer());
            String stats = playground.statsProperty().get();
            assertTrue(stats.startsWith("first token after") && stats.contains(" · the answer broke off ("), stats);
        }
    }

    /** A compatible server that ends the stream after its finish_reason, with no [DONE], finished the answer. */
    @Test
    void aStreamEndingAfterItsFinishReasonIsAFinishedAnswer() throws Exception {
        try (ScriptedUpstream upstream = ScriptedUpstream.start(Ending.LAST_CHUNK, ScriptedUpstream.token("Hello"),
                "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n")) {
            PlaygroundViewModel playground = answered(upstream);
            assertTrue(playground.statsProperty().get().matches("first token after [0-9.]+ s · 1 tokens"),
                    playground.statsProperty().get());
        }
    }

    @Test
    void aStreamEndingWithDoneIsAFinishedAnswer() throws Exception {
        try (ScriptedUpstream upstream = ScriptedUpstream.start(Ending.LAST_CHUNK,
                ScriptedUpstream.token("Hello"), "data: [DONE]\n\n")) {
            PlaygroundViewModel playground = answered(upstream);
            assertEquals("Hello", playground.answer());
            assertTrue(playground.statsProperty().get().matches("first token after [0-9.]+ s · 1 tokens"),
                    playground.statsProperty().get());
        }
    }

    /** Sends a prompt to {@code upstream} and waits for the answer to end. */
    private static PlaygroundViewModel answered(ScriptedUpstream upstream) {
        PlaygroundViewModel playground = new PlaygroundViewModel(upstream::baseUrl, Runnable::run);
        playground.targetProperty().set("t");
        playground.send();
        Await.until(() -> "the answer's end: " + playground.statsProperty().get(), SOON,
                () -> !playground.runningProperty().get());
        return playground;
    }
}
