package dev.swapdeck.ui.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.testing.Await;
import dev.swapdeck.ui.playground.ScriptedUpstream.Ending;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Send with nothing to send, against a loopback server whose answer is still streaming: a slip (the
 * prompt cleared to write the next one) must not cost the person the answer they are reading.
 */
class EmptySendTest {
    private static final Duration SOON = Duration.ofSeconds(10);

    @Test
    void anEmptySendLeavesTheRunningAnswerAlone() throws Exception {
        try (ScriptedUpstream upstream = ScriptedUpstream.start(Ending.NONE, ScriptedUpstream.token("Once"))) {
            PlaygroundViewModel playground = new PlaygroundViewModel(upstream::baseUrl, Runnable::run);
            playground.targetProperty().set("t");
            playground.send();
            Await.until(() -> "the first token: " + playground.statsProperty().get(), SOON,
                    () -> playground.statsProperty().get().startsWith("first token after"));

            playground.promptProperty().set("");
            playground.send();
            assertTrue(playground.runningProperty().get(), "the answer was stopped: " + playground.statsProperty().get());
            assertEquals("Once", playground.answer());
            assertTrue(playground.statsProperty().get().startsWith("first token after"), playground.statsProperty().get());
            playground.stop();
        }
    }

    @Test
    void anEmptySendWithNothingRunningSaysWhatIsMissing() {
        PlaygroundViewModel playground = new PlaygroundViewModel(() -> "http://127.0.0.1:1/v1", Runnable::run);
        playground.targetProperty().set("t");
        playground.promptProperty().set(" ");
        playground.send();
        assertEquals("Pick a model and type a prompt first", playground.statsProperty().get());
    }
}
