package dev.swapdeck.ui.playground;

import static dev.swapdeck.ui.FxWait.fx;
import static dev.swapdeck.ui.FxWait.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.activity.ActivityRecord;
import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.routing.ModelStatus;
import dev.swapdeck.ui.ConfigFiles;
import dev.swapdeck.ui.EngineFixture;
import dev.swapdeck.ui.TestWindow;
import java.nio.file.Path;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import java.util.concurrent.TimeUnit;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The playground in the real window, through the real proxy, to a demo upstream that streams one
 * token every 300 ms (256 asked for: over a minute, unless stopped).
 */
class PlaygroundTest {
    @TempDir Path dir;
    private EngineFixture fixture;
    private TestWindow window;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void setUp() throws Exception {
        Path config = ConfigFiles.slowStreamer(dir);
        fixture = EngineFixture.withProxy(ConfigLoader.load(config));
        window = TestWindow.open(fixture, config, dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        window.close();
    }

    @Test
    void theAnswerStreamsInThroughTheProxyAndStopCancelsItUpstream() {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        robot.interact(() -> {
            robot.lookup("#targetBox").queryAs(ComboBox.class).getEditor().setText("t");
            robot.lookup("#promptArea").queryAs(TextArea.class).setText("Tell me a long story.");
        });

        // Ctrl+Enter sends from the model field too, not only from the prompt
        robot.interact(() -> robot.lookup("#targetBox").queryAs(ComboBox.class).getEditor().requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        until("tokens streaming in", () -> answer().split(" ").length >= 3
                && stats().startsWith("first token after"));
        until("the model serving the request", () -> talker().inFlight() == 1);
        assertTrue(fx(() -> stats().contains("tokens/s")), stats());

        robot.clickOn("#stopButton");
        until("the playground shows it stopped", () -> stats().endsWith("stopped"));
        until("the proxy released the model: the upstream request was cancelled", () -> talker().inFlight() == 0);
        assertTrue(fx(() -> robot.lookup("#stopButton").query().isDisabled()));
        assertFalse(fx(() -> answer().split(" ").length >= 256), "the answer did not run to its end");
    }

    /** Esc stops the answer wherever the focus is in the view: a keyboard user who sent with Send is on Send. */
    @Test
    void escStopsTheAnswerFromAnyControlOfTheView() {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        robot.interact(() -> {
            robot.lookup("#targetBox").queryAs(ComboBox.class).getEditor().setText("t");
            robot.lookup("#promptArea").queryAs(TextArea.class).setText("Tell me a long story.");
        });
        robot.interact(() -> robot.lookup("#sendButton").query().requestFocus());
        robot.press(KeyCode.SPACE).release(KeyCode.SPACE);
        until("tokens streaming in", () -> stats().startsWith("first token after"));

        robot.interact(() -> robot.lookup("#maxTokens").queryAs(Spinner.class).getEditor().requestFocus());
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        until("the playground shows it stopped", () -> stats().endsWith("stopped"));
        until("the upstream request was cancelled", () -> talker().inFlight() == 0);
    }

    /** An unload cuts the stream; the proxy's record of the request says why, and so does the playground. */
    @Test
    void anAnswerCutByAnUnloadSaysSo() throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        robot.interact(() -> {
            robot.lookup("#targetBox").queryAs(ComboBox.class).getEditor().setText("t");
            robot.lookup("#promptArea").queryAs(TextArea.class).setText("Tell me a long story.");
        });
        robot.clickOn("#sendButton");
        until("tokens streaming in", () -> stats().startsWith("first token after"));

        String id = talker().id();
        fixture.engine.unload(id).get(20, TimeUnit.SECONDS);
        until("the playground says why the answer ended", () -> stats().contains("the answer was cut: " + id + " was stopped"));
        assertTrue(fx(() -> robot.lookup("#stopButton").query().isDisabled()));
        assertTrue(stats().startsWith("first token after"), "its figures kept: " + stats());
        ActivityRecord cut = fixture.engine.activity().recent().get(fixture.engine.activity().recent().size() - 1);
        assertTrue(cut.generatedTokensCounted() && cut.generatedTokens().getAsInt() >= 1,
                "the proxy counted the tokens that came: " + cut);
    }

    @Test
    void aFinishedAnswerShowsTheSpeedTheServerReportedAsTheActivityViewDoes() {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        robot.interact(() -> {
            robot.lookup("#targetBox").queryAs(ComboBox.class).getEditor().setText("t");
            robot.lookup("#maxTokens").queryAs(Spinner.class).getValueFactory().setValue(3);
            robot.lookup("#promptArea").queryAs(TextArea.class).setText("Three words, please.");
        });
        robot.clickOn("#sendButton");
        until("the answer ran to its end", () -> fx(() -> robot.lookup("#stopButton").query().isDisabled())
                && stats().startsWith("first token after"));
        until("the proxy recorded it", () -> !fixture.engine.activity().recent().isEmpty());
        ActivityRecord recorded = fixture.engine.activity().recent().get(fixture.engine.activity().recent().size() - 1);
        assertTrue(recorded.tokensPerSecond().isPresent(), recorded.toString());
        assertTrue(stats().endsWith(String.format(" · %d tokens · %.1f tokens/s", recorded.generatedTokens().getAsInt(),
                recorded.tokensPerSecond().getAsDouble())), stats() + " / " + recorded);
    }

    @Test
    void aTokenCountThatIsNoNumberSaysSoAndSendsNothing() {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        robot.interact(() -> robot.lookup("#targetBox").queryAs(ComboBox.class).getEditor().setText("t"));
        for (String typed : new String[] {"", "2k"}) {
            robot.interact(() -> robot.lookup("#maxTokens").queryAs(Spinner.class).getEditor().setText(typed));
            robot.clickOn("#sendButton");
            until("the reason shown for '" + typed + "'",
                    () -> stats().equals("Max tokens must be a whole number from 1 to 32768"));
            assertEquals("256", fx(() -> robot.lookup("#maxTokens").queryAs(Spinner.class).getEditor().getText()),
                    "the count in force shown again");
        }
        assertTrue(fx(() -> robot.lookup("#stopButton").query().isDisabled()), "nothing sent");
        assertEquals(0, talker().inFlight());

        robot.interact(() -> robot.lookup("#maxTokens").queryAs(Spinner.class).getEditor().setText(" 40000 "));
        robot.clickOn("#sendButton");
        until("sent with the most it may ask", () -> talker().inFlight() == 1);
        assertEquals("32768", fx(() -> robot.lookup("#maxTokens").queryAs(Spinner.class).getEditor().getText()));
        robot.clickOn("#stopButton");
    }

    private ModelStatus talker() {
        return fixture.engine.models().get(0);
    }

    private String answer() {
        return fx(() -> robot.lookup("#answerArea").queryAs(StyleClassedTextArea.class).getText());
    }

    private String stats() {
        return fx(() -> robot.lookup("#statsLabel").queryAs(Label.class).getText());
    }
}
