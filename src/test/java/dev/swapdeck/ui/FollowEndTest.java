package dev.swapdeck.ui;

import static dev.swapdeck.ui.FxWait.fx;
import static dev.swapdeck.ui.FxWait.until;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** A six-row text area that follows its end, shown in a real (headless) stage. */
class FollowEndTest {
    private final FxRobot robot = new FxRobot();
    private TextArea area;

    @BeforeEach
    void setUp() throws Exception {
        FxToolkit.registerPrimaryStage();
        TestStage.show(() -> {
            area = new TextArea();
            area.setEditable(false);
            area.setPrefRowCount(6);
            FollowEnd.install(area);
            return new StackPane(area);
        }, 400, 140, Theme.LIGHT);
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.hideStage();
    }

    @Test
    void textReplacedWholeShowsItsLastLine() {
        robot.interact(() -> area.setText(lines("first", 40)));
        until("the first text's end in view", this::atEnd);
        robot.interact(() -> area.setText(lines("second", 60)));
        until("the second text's end in view", this::atEnd);
        robot.interact(() -> area.setText("short"));
        robot.interact(() -> area.setText(lines("third", 30)));
        until("after a short text, the third text's end in view", this::atEnd);
    }

    @Test
    void textGrowingLineByLineKeepsItsLastLineInView() {
        for (int i = 1; i <= 30; i++) {
            String line = "token " + i + "\n";
            robot.interact(() -> area.appendText(line));
        }
        until("the newest line in view", this::atEnd);
        assertTrue(fx(() -> area.getText().endsWith("token 30\n")));
    }

    private boolean atEnd() {
        ScrollPane pane = (ScrollPane) area.lookup(".scroll-pane");
        return pane.getContent().getLayoutBounds().getHeight() > pane.getViewportBounds().getHeight()
                && pane.getVvalue() == pane.getVmax();
    }

    private static String lines(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + " " + i).collect(Collectors.joining("\n"));
    }
}
