package dev.swapdeck.ui;

import static dev.swapdeck.ui.FxWait.fx;
import static dev.swapdeck.ui.FxWait.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * A configuration with errors, found at a launch from the desktop menu: the window that says so
 * offers to open the file, so that a person who saved a broken file from the editor is not stuck.
 */
class StartupFailureWindowTest {
    @TempDir Path dir;
    private final FxRobot robot = new FxRobot();

    @Test
    void theFileAtFaultCanBeOpenedFromTheWindowAndAFailureToOpenItIsSaid() throws Exception {
        FxToolkit.registerPrimaryStage();
        Path file = Files.writeString(dir.resolve("config.yaml"), "models:\n  a:\n    ttl: soon\n");
        List<Path> opened = new CopyOnWriteArrayList<>();
        AtomicInteger closed = new AtomicInteger();
        Platform.runLater(() -> StartupFailureWindow.open("Swapdeck could not start", "invalid configuration " + file,
                Optional.of(file), path -> {
                    opened.add(path);
                    return Optional.of("xdg-open could not be run");
                }, closed::incrementAndGet));
        until("the window shows", () -> robot.lookup("#openFaultyFile").tryQuery().isPresent());
        assertEquals("Open config.yaml", fx(() -> robot.lookup("#openFaultyFile").queryAs(Button.class).getText()));

        robot.clickOn("#openFaultyFile");
        until("the opener was asked", () -> !opened.isEmpty());
        assertEquals(List.of(file), opened);
        until("why it could not is said", () -> robot.lookup(".text-area").queryAs(TextArea.class).getText()
                .contains("Could not open " + file + " (xdg-open could not be run): open it in a text editor of your own."));

        robot.clickOn("Close");
        until("closed", () -> closed.get() == 1);
        assertTrue(opened.size() == 1, "opened once");
    }
}
