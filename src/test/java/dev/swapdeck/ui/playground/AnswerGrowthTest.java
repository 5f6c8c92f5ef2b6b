package dev.swapdeck.ui.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.testing.Await;
import dev.swapdeck.ui.playground.ScriptedUpstream.Ending;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A long answer costs the view each token once: the view model publishes the pieces that arrive, not
 * the whole answer again for each (which made the window slower per token as the answer grew).
 */
class AnswerGrowthTest {
    private static final int TOKENS = 3000;

    @Test
    void aLongAnswerReachesTheViewAsPiecesThatAddUpToIt() throws Exception {
        String[] events = IntStream.range(0, TOKENS)
                .mapToObj(i -> ScriptedUpstream.token(i % 40 == 39 ? "w" + i + "\\n" : " w" + i))
                .toArray(String[]::new);
        try (ScriptedUpstream upstream = ScriptedUpstream.start(Ending.LAST_CHUNK, append(events, "data: [DONE]\n\n"))) {
            PlaygroundViewModel playground = new PlaygroundViewModel(upstream::baseUrl, Runnable::run);
            Recorder view = new Recorder();
            playground.addAnswerListener(view);
            playground.targetProperty().set("t");
            playground.promptProperty().set("Tell me a long story.");

            answer(playground);
            String whole = playground.answer();
            assertTrue(whole.startsWith(" w0 w1") && whole.endsWith("w" + (TOKENS - 1) + "\n"), whole);
            assertEquals(whole, String.join("", view.pieces), "the pieces add up to the answer");
            assertEquals(whole.length(), view.characters, "each character reached the view once");
            assertEquals(1, view.cleared, "cleared once, before the first piece");

            answer(playground);
            assertEquals(whole, playground.answer(), "a new Send starts the answer afresh");
            assertEquals(2, view.cleared, "the view was cleared for the second answer");
            assertEquals(whole, String.join("", view.pieces), "the second answer's pieces add up to it");
            assertEquals(2 * whole.length(), view.characters, "the second answer, too, reached the view once");
        }
    }

    private static void answer(PlaygroundViewModel playground) {
        playground.send();
        Await.until(() -> "the answer's end: " + playground.statsProperty().get(), Duration.ofSeconds(20),
                () -> !playground.runningProperty().get());
    }

    private static String[] append(String[] events, String last) {
        String[] all = Arrays.copyOf(events, events.length + 1);
        all[events.length] = last;
        return all;
    }

    /** A view that keeps what it is told. */
    private static final class Recorder implements AnswerListener {
        final List<String> pieces = new ArrayList<>();
        int cleared;
        long characters;

        @Override
        public void cleared() {
            cleared++;
            pieces.clear();
        }

        @Override
        public void appended(String piece) {
            assertTrue(!piece.isEmpty(), "an empty piece");
            pieces.add(piece);
            characters += piece.length();
        }
    }
}
