package dev.swapdeck.ui;

import static dev.swapdeck.ui.FxWait.fx;
import static dev.swapdeck.ui.FxWait.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.ui.main.StatusBar;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * A failed Load from the window says why in the status bar, whole, at the smallest size the window
 * can be made: the reason and what to do are what the user needs, and they come last in the text.
 * A short notice keeps to the facts' line.
 */
class LongNoticeTest {
    @TempDir Path dir;
    private TestWindow window;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void setUp() throws Exception {
        Path config = ConfigFiles.failingAtStart(dir);
        window = TestWindow.open(EngineFixture.withProxy(ConfigLoader.load(config)), config, dir);
        robot.interact(() -> {
            window.stage().setWidth(SwapdeckApp.MIN_WIDTH);
            window.stage().setHeight(SwapdeckApp.MIN_HEIGHT);
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        window.close();
    }

    @Test
    void aFailedLoadsNoticeIsShownWholeAtTheSmallestSize() {
        robot.clickOn(robot.lookup(NodeKey.is("model-broken")).<Node>query());
        robot.clickOn("#loadButton");
        Label notice = robot.lookup("#messageLabel").queryAs(Label.class);
        until("the failure noticed", () -> notice.getText().startsWith("Load broken failed"));
        String text = fx(notice::getText);
        assertTrue(text.length() > 120, "a notice longer than one line of the status bar: " + text);

        robot.interact(() -> window.stage().getScene().getRoot().layout());
        assertEquals(List.of(), fx(() -> Truncation.truncatedLabels(window.stage().getScene().getRoot())));
        assertEquals(List.of(), fx(() -> Truncation.beyondWindow(window.stage().getScene())));
        assertTrue(fx(() -> top(notice) > top(url())), "on a line of its own, under the facts");
    }

    @Test
    void aShortNoticeStaysBesideTheFacts() {
        double bare = fx(() -> statusBar().getHeight());
        robot.clickOn("#copyUrlButton");
        Label notice = robot.lookup("#messageLabel").queryAs(Label.class);
        until("the copy noticed", () -> notice.getText().startsWith("Copied "));
        robot.interact(() -> window.stage().getScene().getRoot().layout());

        assertEquals(bare, fx(() -> statusBar().getHeight()), "the bar keeps its height");
        assertEquals(fx(() -> top(url())), fx(() -> top(notice)), 2, "on the facts' line");
        assertTrue(fx(() -> notice.localToScene(notice.getLayoutBounds()).getMaxX()
                > window.stage().getScene().getWidth() - 20), "at the bar's right end");
    }

    private Label url() {
        return robot.lookup("#urlLabel").queryAs(Label.class);
    }

    private StatusBar statusBar() {
        return robot.lookup(".status-bar").queryAs(StatusBar.class);
    }

    private static double top(Label label) {
        return label.localToScene(label.getLayoutBounds()).getMinY();
    }
}
