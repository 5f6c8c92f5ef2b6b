package dev.swapdeck.ui.playground;

import static dev.swapdeck.ui.FxWait.fx;
import static dev.swapdeck.ui.FxWait.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.ui.ConfigFiles;
import dev.swapdeck.ui.EngineFixture;
import dev.swapdeck.ui.TestWindow;
import java.nio.file.Path;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The playground's target in the real window: it follows the running model until the person clicks
 * into the target box, and from then on stays what they see, whatever starts.
 */
class PlaygroundTargetTest {
    @TempDir Path dir;
    private EngineFixture fixture;
    private TestWindow window;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void setUp() throws Exception {
        Path config = ConfigFiles.twoModels(dir);
        fixture = EngineFixture.start(ConfigLoader.load(config));
        window = TestWindow.open(fixture, config, dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        window.close();
    }

    @Test
    void theTargetFollowsTheRunningModelUntilThePersonClicksIntoIt() throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        until("nothing running: the first model offered", () -> "alpha".equals(target()));

        fixture.engine.load("beta").get();
        until("the running model offered", () -> "beta".equals(target()));
        fixture.engine.unload("beta").get();
        awaitRunning(0);

        robot.clickOn(robot.lookup("#targetBox").queryAs(ComboBox.class).getEditor());
        fixture.engine.load("alpha").get();
        awaitRunning(1);
        assertEquals("beta", target(), "the target changed under the person's hand");
    }

    /** A quantised model's id runs to 60 characters: shown whole where the row has room, not cut at 300 px. */
    @Test
    void aLongTargetIsShownWholeWhereTheRowHasRoom() {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        String id = "very-long-model-name-for-truncation-testing-number-05-q4_k_m";
        TextField editor = robot.lookup("#targetBox").queryAs(ComboBox.class).getEditor();
        robot.interact(() -> editor.setText(id));
        WaitForAsyncUtils.waitForFxEvents();
        double needed = fx(() -> {
            Text text = new Text(id);
            text.setFont(editor.getFont());
            return text.getLayoutBounds().getWidth();
        });
        double room = fx(() -> editor.getWidth() - editor.snappedLeftInset() - editor.snappedRightInset());
        assertTrue(room >= needed, "the box shows " + room + " px of the id's " + needed);
    }

    /** The window has applied a snapshot with {@code count} models running, the playground the same one. */
    private void awaitRunning(int count) {
        String running = count + " running";
        until(running, () -> running.equals(robot.lookup("#runningLabel").queryAs(Label.class).getText()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String target() {
        return fx(() -> String.valueOf(robot.lookup("#targetBox").queryAs(ComboBox.class).getValue()));
    }
}
