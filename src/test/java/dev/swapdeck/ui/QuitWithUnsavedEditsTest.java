package dev.swapdeck.ui;

import static dev.swapdeck.ui.FxWait.fx;
import static dev.swapdeck.ui.FxWait.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.input.KeyCode;
import javafx.stage.WindowEvent;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * Quitting from the window with unsaved edits in the config editor asks first, whichever way it
 * quits (Ctrl+Q, closing the window, Shutdown): Enter and Escape keep the edits and Swapdeck running.
 */
class QuitWithUnsavedEditsTest {
    private static final String DISCARD = "Quit without saving";

    @TempDir Path dir;
    private Path configFile;
    private String original;
    private String edited;
    private EngineFixture fixture;
    private TestWindow window;
    private final AtomicInteger exits = new AtomicInteger();
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void setUp() throws Exception {
        configFile = ConfigFiles.twoModels(dir);
        original = Files.readString(configFile);
        edited = original.replace("name: Alpha", "name: Alpha edited, not saved");
        fixture = EngineFixture.start(ConfigLoader.load(configFile));
        window = TestWindow.open(fixture, configFile, dir, exits::incrementAndGet);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        until("the config file in the editor", () -> original.equals(editor().getText()));
        robot.interact(() -> editor().replaceText(edited));
    }

    @AfterEach
    void tearDown() throws Exception {
        window.close();
    }

    @Test
    void everyWayToQuitAsksAndEnterOrEscapeKeepsTheEdits() throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.Q).release(KeyCode.Q, KeyCode.CONTROL);
        until("Ctrl+Q asks", () -> robot.lookup(DISCARD).tryQuery().isPresent());
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        until("Enter answered", () -> robot.lookup(DISCARD).tryQuery().isEmpty());
        assertKept();

        // the window manager's close button: a close request the stage receives
        Platform.runLater(() -> window.stage().fireEvent(new WindowEvent(window.stage(), WindowEvent.WINDOW_CLOSE_REQUEST)));
        until("closing the window asks", () -> robot.lookup(DISCARD).tryQuery().isPresent());
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        until("Escape answered", () -> robot.lookup(DISCARD).tryQuery().isEmpty());
        assertKept();

        robot.clickOn("#shutdownButton");
        until("Shutdown asks", () -> robot.lookup(DISCARD).tryQuery().isPresent());
        robot.clickOn(DISCARD);
        until("quit", () -> exits.get() == 1);
        assertTrue(fixture.engine.isShuttingDown());
        assertEquals(original, Files.readString(configFile), "the edits dropped, as chosen");
    }

    @Test
    void saveAndQuitWritesTheEditsFirst() throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.Q).release(KeyCode.Q, KeyCode.CONTROL);
        until("Ctrl+Q asks", () -> robot.lookup("Save and quit").tryQuery().isPresent());
        robot.clickOn("Save and quit");
        until("quit", () -> exits.get() == 1);
        assertEquals(edited, Files.readString(configFile));
    }

    private void assertKept() throws Exception {
        assertFalse(fixture.engine.isShuttingDown(), "Swapdeck still runs");
        assertEquals(0, exits.get());
        assertEquals(edited, fx(() -> editor().getText()), "the edits are still in the editor");
        assertEquals(original, Files.readString(configFile), "and not saved");
    }

    private CodeArea editor() {
        return robot.lookup("#configEditor").queryAs(CodeArea.class);
    }
}
