package dev.swapdeck.ui.playground;

import static dev.swapdeck.ui.FxWait.fx;
import static dev.swapdeck.ui.FxWait.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.ui.TestStage;
import dev.swapdeck.ui.Theme;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The answer's area in a real (headless) stage: it grows by pieces, follows its end, keeps a selection. */
class AnswerViewTest {
    private final FxRobot robot = new FxRobot();
    private AnswerView view;

    @BeforeEach
    void setUp() throws Exception {
        FxToolkit.registerPrimaryStage();
        TestStage.show(() -> {
            view = new AnswerView();
            return new StackPane(view.node());
        }, 400, 140, Theme.LIGHT);
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.hideStage();
    }

    @Test
    void piecesAppendedShowTheWholeAnswerAndItsLastLine() {
        StringBuilder sent = new StringBuilder();
        for (int i = 1; i <= 60; i++) {
            String piece = "token " + i + (i % 2 == 0 ? "\n" : " ");
            sent.append(piece);
            robot.interact(() -> view.appended(piece));
        }
        assertEquals(sent.toString(), fx(() -> area().getText()));
        until("the newest line in view", this::lastLineInView);
    }

    @Test
    void aSelectionStaysWhileTheAnswerGrows() {
        robot.interact(() -> view.appended("Once upon a time"));
        robot.interact(() -> area().selectRange(5, 9));
        robot.interact(() -> view.appended(" there was a model"));
        assertEquals("upon", fx(() -> area().getSelectedText()), "what the person selected to copy");
    }

    @Test
    void clearedEmptiesTheAreaForTheNextAnswer() {
        robot.interact(() -> view.appended("the first answer\n"));
        robot.interact(view::cleared);
        robot.interact(() -> view.appended("the second"));
        assertEquals("the second", fx(() -> area().getText()));
    }

    /** RichTextFX paints the area white unless told: the dark theme's light text was unreadable on it. */
    @Test
    void theAnswerIsLegibleInTheDarkTheme() throws Exception {
        TestStage.show(() -> {
            view = new AnswerView();
            return new StackPane(view.node());
        }, 400, 140, Theme.DARK);
        robot.interact(() -> view.appended("an answer at night"));
        double background = fx(() -> ((Color) area().getBackground().getFills().get(0).getFill()).getBrightness());
        double text = fx(() -> ((Color) ((Text) area().lookup(".text")).getFill()).getBrightness());
        assertTrue(background < 0.4 && text > 0.6, "background " + background + ", text " + text);
    }

    private boolean lastLineInView() {
        return fx(() -> area().lastVisibleParToAllParIndex() == area().getParagraphs().size() - 1
                && area().firstVisibleParToAllParIndex() > 0);
    }

    private StyleClassedTextArea area() {
        return view.area();
    }
}
