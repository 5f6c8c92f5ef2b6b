package dev.swapdeck.ui.models;

import static dev.swapdeck.ui.FxWait.fx;
import static dev.swapdeck.ui.FxWait.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.testing.FreePorts;
import dev.swapdeck.ui.EngineFixture;
import dev.swapdeck.ui.NodeKey;
import dev.swapdeck.ui.StyleClasses;
import dev.swapdeck.ui.TestWindow;
import dev.swapdeck.ui.Truncation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The models view at the window's default size (1200×780) over models with long ids, long names and
 * five-digit ports. None of their commands exists, so loading one fails with the engine's real error.
 */
class ModelsViewTest {
    private static final String LONG_ID = "qwen2.5-coder-32b-instruct-q4_k_m-with-a-long-id";
    private static final String BROKEN = "llama-3.1-8b-instruct-missing";

    @TempDir Path dir;
    private EngineFixture fixture;
    private TestWindow window;
    private Path config;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void setUp() throws Exception {
        config = Files.writeString(dir.resolve("config.yaml"), "models:\n"
                + "  " + LONG_ID + ":\n"
                + "    name: Qwen 2.5 Coder 32B Instruct (Q4_K_M, 32k context, long name)\n"
                + "    aliases: [coder, qwen-coder-with-a-long-alias]\n"
                + "    proxy: http://127.0.0.1:54321\n"
                + "    cmd: /nonexistent/llama-server --port 54321\n"
                + "  " + BROKEN + ":\n"
                + "    proxy: http://127.0.0.1:61234\n"
                + "    cmd: /nonexistent/llama-server --port 61234 -m /models/llama-3.1-8b-instruct-q4_k_m.gguf\n"
                + "  tiny:\n"
                + "    proxy: http://127.0.0.1:10001\n"
                + "    cmd: /nonexistent/tiny --port 10001\n"
                + "  never-healthy:\n"
                + "    proxy: http://127.0.0.1:" + FreePorts.loopback() + "\n"
                + "    cmd: sleep 60\n");
        fixture = EngineFixture.start(ConfigLoader.load(config));
        window = TestWindow.openAtDefaultSize(fixture, config, dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        window.close();
    }

    @Test
    void noVisibleCellOfTheListIsTruncatedAtTheDefaultSize() {
        until("every model listed", () -> modelsList().lookupAll(".model-cell").stream()
                .filter(NodeKey::named).count() == 4);
        // JavaFX keeps the styles it matched per CSS id for good: an id per model name grew with each new name
        assertTrue(fx(() -> modelsList().lookupAll(".model-cell").stream().allMatch(cell -> cell.getId() == null)));
        Parent list = fx(this::modelsList);
        List<String> truncated = fx(() -> Truncation.truncatedLabels(list));
        assertTrue(truncated.isEmpty(), "truncated in the model list: " + truncated);
        List<String> inDetail = fx(() -> Truncation.truncatedLabels(robot.lookup("#factsGrid").queryAs(Parent.class)));
        assertTrue(inDetail.isEmpty(), "truncated in the detail pane: " + inDetail);
    }

    /** A long id must not widen a view's model chooser, and with it the window, past its edge. */
    @Test
    void theWindowFitsItsSmallestSizeWithLongIds() {
        until("every model listed", () -> modelsList().lookupAll(".model-cell").stream()
                .filter(NodeKey::named).count() == 4);
        fx(() -> {
            window.stage().setWidth(1024);
            window.stage().setHeight(700);
            return null;
        });
        TabPane tabs = robot.lookup("#viewTabs").queryAs(TabPane.class);
        for (Tab tab : List.copyOf(tabs.getTabs())) {
            robot.interact(() -> tabs.getSelectionModel().select(tab));
            WaitForAsyncUtils.waitForFxEvents();
            List<String> beyond = fx(() -> Truncation.beyondWindow(window.stage().getScene()));
            assertTrue(beyond.isEmpty(), tab.getText() + ", past the window's edge at 1024x700: " + beyond);
        }
    }

    @Test
    void theDetailPaneFollowsTheSelectionAndShowsTheFullError() {
        CompletionException failed = assertThrows(CompletionException.class,
                () -> fixture.engine.load(BROKEN).join());
        String error = fixture.engine.models().stream().filter(m -> m.id().equals(BROKEN)).findFirst()
                .orElseThrow().process().lastError().orElseThrow();
        assertTrue(failed.getMessage().contains("command not found"), failed.getMessage());

        robot.clickOn(cell(BROKEN));
        until("the broken model's error shown", () -> error.equals(text("#detailError")));
        assertEquals(BROKEN, fx(() -> robot.lookup("#detailName").queryAs(Label.class).getText()));
        assertEquals("61234", fx(() -> robot.lookup("#fact-port").queryAs(Label.class).getText()));
        assertTrue(fx(() -> robot.lookup("#detailError").query().isVisible()));
        robot.interact(() -> robot.lookup("#detailScroll").queryAs(ScrollPane.class).setVvalue(1));

        robot.clickOn(cell("tiny"));
        until("the detail follows the selection", () -> "tiny".equals(
                robot.lookup("#detailName").queryAs(Label.class).getText()));
        assertEquals(0.0, fx(() -> robot.lookup("#detailScroll").queryAs(ScrollPane.class).getVvalue()),
                "another model's detail starts at its top");
        assertEquals("10001", fx(() -> robot.lookup("#fact-port").queryAs(Label.class).getText()));
        assertTrue(fx(() -> !robot.lookup("#errorBox").query().isVisible()), "no error box for a model without one");
    }

    /** Ctrl+L and Ctrl+U act on the selection: a reload that adds a model must not move it. */
    @Test
    void aReloadThatAddsAModelKeepsTheSelection() throws Exception {
        robot.clickOn(cell("tiny"));
        until("tiny selected", () -> "tiny".equals(robot.lookup("#detailName").queryAs(Label.class).getText()));
        Files.writeString(config, Files.readString(config) + "  aaa-added:\n    proxy: http://127.0.0.1:10002\n"
                + "    cmd: /nonexistent/added --port 10002\n");

        fixture.engine.reload().join();

        until("the new model listed", () -> fx(() -> modelsList().getItems().stream()
                .anyMatch(row -> row.id().equals("aaa-added"))));
        assertEquals("tiny", fx(() -> modelsList().getSelectionModel().getSelectedItem().id()));
        assertEquals("tiny", fx(() -> robot.lookup("#detailName").queryAs(Label.class).getText()));
    }

    /**
     * A reload that drops the selected model selects nothing and says so: the list used to select its
     * neighbour, which Ctrl+L then loaded.
     */
    @Test
    void aReloadThatDropsTheSelectedModelSelectsNothing() throws Exception {
        robot.clickOn(cell("tiny"));
        until("tiny selected", () -> "tiny".equals(robot.lookup("#detailName").queryAs(Label.class).getText()));
        String yaml = Files.readString(config);
        Files.writeString(config, yaml.replace("  tiny:\n    proxy: http://127.0.0.1:10001\n"
                + "    cmd: /nonexistent/tiny --port 10001\n", ""));

        fixture.engine.reload().join();

        until("tiny no longer listed", () -> fx(() -> modelsList().getItems().stream()
                .noneMatch(row -> row.id().equals("tiny"))));
        assertEquals(null, fx(() -> modelsList().getSelectionModel().getSelectedItem()), "a neighbour selected");
        assertEquals("tiny is no longer in the configuration. Select a model to see its details",
                fx(() -> robot.lookup("#detailPlaceholder").queryAs(Label.class).getText()));
        assertTrue(fx(() -> robot.lookup("#detailPlaceholder").query().isVisible()));

        robot.interact(() -> modelsList().requestFocus());
        robot.press(KeyCode.CONTROL).type(KeyCode.L).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fixture.engine.models().stream().allMatch(m -> m.process().state() == ProcessState.STOPPED
                && m.process().lastError().isEmpty()), "Ctrl+L loaded a model nobody picked");
    }

    /** Each row says what SPEC §7 lists: a live process's pid, a failed model's error. */
    @Test
    void aRowShowsItsProcessOrItsError() {
        assertThrows(CompletionException.class, () -> fixture.engine.load(BROKEN).join());
        until("the failed row's error", () -> facts(BROKEN).startsWith("command not found: /nonexistent/llama-server"));

        fixture.engine.load("never-healthy");
        until("the starting row's pid", () -> facts("never-healthy").matches("pid \\d+"));
    }

    private String facts(String model) {
        return fx(() -> ((Label) cell(model).lookup(".model-facts")).getText());
    }

    /** A long notice (a failed load from the window) gives way; the configuration's path beside it never does. */
    @Test
    void aLongNoticeLeavesTheConfigPathWhole() {
        robot.clickOn(cell(BROKEN));
        robot.clickOn("#loadButton");
        until("the failure told", () -> robot.lookup("#messageLabel").queryAs(Label.class).getText().contains("failed"));
        WaitForAsyncUtils.waitForFxEvents();
        String path = fx(() -> robot.lookup("#configLabel").queryAs(Label.class).getText());
        List<String> truncated = fx(() -> Truncation.truncatedLabels(robot.lookup(".status-bar").queryAs(Parent.class)));
        assertTrue(truncated.stream().noneMatch(label -> label.startsWith("'" + path + "'")),
                "the path cut short beside the notice: " + truncated);
    }

    /**
     * A first start has no expected time, so its bar is indeterminate. Squeezed to no width by the
     * sentence beside it, such a bar stopped the whole detail pane from being repainted until the
     * start ended (the scene graph changed, the screen did not; seen under Xvfb and on a desktop).
     */
    @Test
    void aFirstStartShowsItsIndeterminateBarWithWidth() {
        fixture.engine.load("never-healthy");
        robot.clickOn(cell("never-healthy"));
        until("the start shown", () -> "starting".equals(robot.lookup("#detailBadge").queryAs(Label.class).getText()));
        WaitForAsyncUtils.waitForFxEvents();
        ProgressBar bar = robot.lookup("#detailProgress").queryAs(ProgressBar.class);
        assertTrue(fx(() -> bar.isVisible() && bar.isIndeterminate()));
        double width = fx(bar::getWidth);
        assertTrue(width >= 60, "the indeterminate bar is " + width + " px wide");
    }

    /** The detail badge follows the shown model's state, whichever rows were shown before it. */
    @Test
    void theDetailBadgeFollowsOnlyTheShownModel() {
        for (int i = 0; i < 3; i++) {
            robot.clickOn(cell("never-healthy"));
            robot.clickOn(cell("tiny"));
        }
        until("tiny shown", () -> "tiny".equals(robot.lookup("#detailName").queryAs(Label.class).getText()));
        fixture.engine.load("never-healthy");
        until("the other row starting", () -> facts("never-healthy").matches("pid \\d+"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(StyleClasses.state(ProcessState.STOPPED)), badgeStates(), "the badge took another row's state");

        robot.clickOn(cell("never-healthy"));
        until("its start shown", () -> badgeStates().equals(List.of(StyleClasses.state(ProcessState.STARTING))));
        fixture.engine.unload("never-healthy").join();
        until("its stop shown", () -> badgeStates().equals(List.of(StyleClasses.state(ProcessState.STOPPED))));
    }

    private List<String> badgeStates() {
        return fx(() -> robot.lookup("#detailBadge").queryAs(Label.class).getStyleClass().stream()
                .filter(c -> c.startsWith("state-")).toList());
    }

    @Test
    void theRecentOutputShowsItsNewestLineForEachSelectedModel() {
        for (int i = 1; i <= 40; i++) {
            fixture.logs.upstream(LONG_ID, "coder line " + i);
            fixture.logs.upstream("tiny", "tiny line " + i);
        }
        robot.clickOn(cell(LONG_ID));
        until("the coder's output shown", () -> text("#detailOutput").endsWith("coder line 40"));
        until("its newest line in view", () -> scrolledToEnd("#detailOutput"));

        robot.clickOn(cell("tiny"));
        until("tiny's output shown", () -> text("#detailOutput").endsWith("tiny line 40"));
        until("its newest line in view", () -> scrolledToEnd("#detailOutput"));
    }

    private boolean scrolledToEnd(String id) {
        ScrollPane pane = (ScrollPane) robot.lookup(id).queryAs(TextArea.class).lookup(".scroll-pane");
        return pane.getVvalue() == pane.getVmax();
    }

    private Node cell(String model) {
        return robot.lookup(NodeKey.is("model-" + model)).query();
    }

    private String text(String id) {
        return robot.lookup(id).queryAs(TextArea.class).getText();
    }

    @SuppressWarnings("unchecked")
    private ListView<ModelRow> modelsList() {
        return (ListView<ModelRow>) robot.lookup("#modelsList").queryAs(ListView.class);
    }
}
