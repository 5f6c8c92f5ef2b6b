package dev.swapdeck.ui.editor;

import static dev.swapdeck.ui.FxWait.fx;
import static dev.swapdeck.ui.FxWait.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.ui.ConfigFiles;
import dev.swapdeck.ui.EngineFixture;
import dev.swapdeck.ui.TestWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javafx.geometry.Bounds;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** The config editor in the real window, editing the real config file of a running engine. */
class ConfigEditorTest {
    private static final String DISCARD = "Discard edits";

    @TempDir Path dir;
    private Path configFile;
    private EngineFixture fixture;
    private TestWindow window;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void setUp() throws Exception {
        configFile = ConfigFiles.twoModels(dir);
        fixture = EngineFixture.start(ConfigLoader.load(configFile));
        window = TestWindow.open(fixture, configFile, dir);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        String original = Files.readString(configFile);
        until("the config file in the editor", () -> original.equals(editor().getText()));
    }

    @AfterEach
    void tearDown() throws Exception {
        window.close();
    }

    @Test
    void anErrorIsMarkedAtItsLineAndColumnAndListed() {
        String broken = "models:\n  x:\n    cmd: echo ${PORT}\n    ttl: soon\n";
        robot.interact(() -> editor().replaceText(broken));

        until("the problem listed", () -> problems().getItems().stream()
                .anyMatch(m -> m.error() && m.line() == 4 && m.column() == 10));
        int offset = broken.indexOf("soon");
        assertEquals(offset, fx(() -> editor().getAbsolutePosition(3, 9)), "line 4, column 10 is the value");
        until("the value underlined", () -> editor().getStyleOfChar(offset).contains(MarkerStyles.ERROR_MARK));
        assertFalse(fx(() -> editor().getStyleOfChar(offset - 2).contains(MarkerStyles.ERROR_MARK)),
                "the key before it is not marked");
        assertTrue(fx(() -> problems().getItems().get(0).summary().contains("models.x.ttl")));
    }

    /** A file with no problems before or after: the list does not change, the new text is still highlighted. */
    @Test
    void whatIsTypedIsHighlightedThoughNoProblemComesOrGoes() {
        robot.interact(() -> {
            editor().moveTo(editor().getLength());
            editor().requestFocus();
        });
        int at = fx(() -> editor().getLength());
        robot.write("# typed\n");
        until("the text typed", () -> editor().getText().endsWith("# typed\n"));
        until("the comment typed highlighted as one", () -> editor().getStyleOfChar(at + 3).contains(YamlHighlighter.COMMENT));
        assertTrue(fx(() -> problems().getItems().isEmpty()), "no problem came or went");
    }

    @Test
    void saveWritesTheFileKeepingABackupAndReloadAppliesIt() throws Exception {
        String original = Files.readString(configFile);
        String edited = original.replace("name: Alpha", "name: Alpha renamed in the editor");
        robot.interact(() -> editor().replaceText(edited));

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.S).release(KeyCode.S, KeyCode.SHIFT, KeyCode.CONTROL);

        until("the reload applied", () -> fixture.engine.config().models().get("alpha").displayName()
                .equals("Alpha renamed in the editor"));
        assertEquals(edited, Files.readString(configFile));
        assertEquals(original, Files.readString(ConfigFileWriter.backupOf(configFile)));
        // the window saves its own state beside the file (window.properties, through a .tmp of its own) when it likes
        String writersTemporary = "." + configFile.getFileName();
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.map(f -> f.getFileName().toString())
                    .filter(name -> name.startsWith(writersTemporary) && name.endsWith(".tmp")).toList(),
                    "no temporary file of the config's left behind");
        }
        assertTrue(fx(() -> problems().getItems().isEmpty()));
    }

    @Test
    void undoStopsAtTheFileAsLoaded() {
        String original = fx(() -> editor().getText());
        robot.interact(() -> editor().requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        assertEquals(original, fx(() -> editor().getText()), "nothing before the loaded file to undo to");

        robot.interact(() -> editor().insertText(0, "# note\n"));
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        until("the edit undone, the file kept", () -> original.equals(editor().getText()));
    }

    @Test
    void tabIndentsWithSpacesAndEnterKeepsTheIndentation() {
        robot.interact(() -> {
            editor().replaceText("models:\n  x:");
            editor().moveTo(editor().getLength());
            editor().requestFocus();
        });
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        robot.press(KeyCode.TAB).release(KeyCode.TAB);
        robot.write("cmd");
        until("the new line indented with spaces", () -> editor().getText().equals("models:\n  x:\n    cmd"));
    }

    /** A selection over several lines is indented, not replaced: Tab once deleted whole model blocks. */
    @Test
    void tabAndShiftTabIndentAndOutdentTheSelectedLines() {
        String text = "models:\n  a:\n    cmd: x\n\n  b:\n    cmd: y\n";
        // from inside line 2 to the start of line 5: lines 2 to 4, not the one only touched
        Runnable selectModelA = () -> {
            editor().selectRange(text.indexOf("a:"), text.indexOf("  b:"));
            editor().requestFocus();
        };
        robot.interact(() -> editor().replaceText(text));
        robot.interact(selectModelA);
        robot.press(KeyCode.TAB).release(KeyCode.TAB);
        assertEquals("models:\n    a:\n      cmd: x\n\n  b:\n    cmd: y\n", fx(() -> editor().getText()),
                "each line two spaces further in, the empty one left empty");
        assertEquals("    a:\n      cmd: x\n\n", fx(() -> editor().getSelectedText()), "the lines stay selected");
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        assertEquals(text, fx(() -> editor().getText()), "one press, one undo");

        robot.interact(selectModelA);
        robot.press(KeyCode.SHIFT, KeyCode.TAB).release(KeyCode.TAB, KeyCode.SHIFT);
        assertEquals("models:\na:\n  cmd: x\n\n  b:\n    cmd: y\n", fx(() -> editor().getText()), "two spaces out");
        robot.press(KeyCode.SHIFT, KeyCode.TAB).release(KeyCode.TAB, KeyCode.SHIFT);
        assertEquals("models:\na:\ncmd: x\n\n  b:\n    cmd: y\n", fx(() -> editor().getText()), "none past the margin");
        assertTrue(fx(() -> editor().isFocused()), "Shift+Tab on several lines stays in the text");

        // one line selected with its line break (Shift+Down from its start): each press moves that line
        robot.interact(() -> {
            editor().replaceText(text);
            editor().selectRange(text.indexOf("    cmd: x"), text.indexOf("\n  b:"));
        });
        robot.press(KeyCode.TAB).release(KeyCode.TAB);
        robot.press(KeyCode.TAB).release(KeyCode.TAB);
        assertEquals("models:\n  a:\n        cmd: x\n\n  b:\n    cmd: y\n", fx(() -> editor().getText()), "twice indented, not replaced");
        robot.press(KeyCode.SHIFT, KeyCode.TAB).release(KeyCode.TAB, KeyCode.SHIFT);
        assertEquals("models:\n  a:\n      cmd: x\n\n  b:\n    cmd: y\n", fx(() -> editor().getText()));
    }

    /** RichTextFX's own line end falls between the two UTF-16 halves of an emoji that ends the line. */
    @Test
    void endGoesPastAnEmojiThatEndsTheLine() {
        String line = "name: x \uD83D\uDE00";
        robot.interact(() -> {
            editor().replaceText(line + "\nb: 1");
            editor().moveTo(0);
            editor().requestFocus();
        });
        robot.press(KeyCode.END).release(KeyCode.END);
        assertEquals(line.length(), fx(() -> editor().getCaretPosition()), "the caret after the whole emoji");
        robot.press(KeyCode.LEFT).release(KeyCode.LEFT);
        assertEquals(line.length() - 2, fx(() -> editor().getCaretPosition()), "Left goes back over all of it");
        robot.press(KeyCode.END).release(KeyCode.END);
        robot.write("!");
        until("the emoji kept whole", () -> editor().getText().equals(line + "!\nb: 1"));

        robot.press(KeyCode.HOME).release(KeyCode.HOME);
        robot.press(KeyCode.SHIFT, KeyCode.END).release(KeyCode.END, KeyCode.SHIFT);
        assertEquals(line + "!", fx(() -> editor().getSelectedText()), "Shift+End selects the whole line");
    }

    @Test
    void theEditorHasTheRoomUntilThereAreProblemsToList() {
        double clean = fx(() -> problems().getHeight());
        assertTrue(clean <= ConfigEditorController.NO_PROBLEMS_HEIGHT, "one line says there are none: " + clean);

        robot.interact(() -> editor().replaceText("models:\n  x:\n    cmd: echo ${PORT}\n    ttl: soon\n"));
        until("the list opened for the problem", () -> problems().getHeight() >= 2 * ConfigEditorController.NO_PROBLEMS_HEIGHT);

        robot.interact(() -> editor().replaceText("models:\n  x:\n    cmd: echo ${PORT}\n    ttl: 5\n"));
        until("one line again once fixed", () -> problems().getHeight() <= ConfigEditorController.NO_PROBLEMS_HEIGHT);
    }

    /** The list opening for the first problem shrinks the editor: the line being typed stays in view. */
    @Test
    void theLineBeingTypedStaysInViewWhenTheListOpens() {
        String text = "# a comment\n".repeat(150) + "models:\n  x:\n    cmd: echo ${PORT}\n    ttl: 5";
        robot.interact(() -> {
            editor().replaceText(text);
            editor().moveTo(editor().getLength());
            editor().requestFollowCaret();
            editor().requestFocus();
        });
        until("the last line in view", () -> caretInView() && problems().getItems().isEmpty());

        robot.write("x");
        until("the problem listed", () -> problems().getItems().stream().anyMatch(m -> m.error() && m.line() == 154));
        until("the list opened", () -> problems().getHeight() >= 2 * ConfigEditorController.NO_PROBLEMS_HEIGHT);
        until("the caret in view", this::caretInView);
    }

    /** Whether the caret's middle is drawn inside the editor's visible area (its ends may overhang by a fraction). */
    private boolean caretInView() {
        Bounds shown = editor().localToScreen(editor().getBoundsInLocal());
        return editor().getCaretBounds().filter(c -> shown.contains(c.getCenterX(), c.getCenterY())).isPresent();
    }

    /** Revert asks before it discards edits, Enter and Escape keeping them; with none it asks nothing. */
    @Test
    void revertAsksBeforeDiscardingEditsAndEnterOrEscapeKeepsThem() throws Exception {
        String original = Files.readString(configFile);
        String edited = original.replace("name: Alpha", "name: Alpha edited, not saved");
        robot.interact(() -> editor().replaceText(edited));

        for (KeyCode key : new KeyCode[] {KeyCode.ENTER, KeyCode.ESCAPE}) {
            robot.clickOn("#revertButton");
            until("Revert asks", () -> robot.lookup(DISCARD).tryQuery().isPresent());
            robot.press(key).release(key);
            until(key + " answered", () -> robot.lookup(DISCARD).tryQuery().isEmpty());
            assertEquals(edited, fx(() -> editor().getText()), key + " keeps the edits");
        }

        robot.clickOn("#revertButton");
        until("Revert asks", () -> robot.lookup(DISCARD).tryQuery().isPresent());
        robot.clickOn(DISCARD);
        until("the file's text back", () -> original.equals(editor().getText()));
        assertTrue(fx(() -> robot.lookup("#revertButton").query().isDisabled()), "nothing left to revert: nothing to ask");
    }

    private CodeArea editor() {
        return robot.lookup("#configEditor").queryAs(CodeArea.class);
    }

    @SuppressWarnings("unchecked")
    private ListView<ConfigMarker> problems() {
        return (ListView<ConfigMarker>) robot.lookup("#problemsList").queryAs(ListView.class);
    }
}
