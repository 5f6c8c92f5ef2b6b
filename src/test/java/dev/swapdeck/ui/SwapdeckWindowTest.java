package dev.swapdeck.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.routing.Lease;
import dev.swapdeck.routing.ModelStatus;
import dev.swapdeck.testing.ProcessAssertions;
import dev.swapdeck.ui.editor.ConfigMarker;
import dev.swapdeck.ui.logs.LogPaneView;
import dev.swapdeck.ui.logs.LogRows;
import dev.swapdeck.ui.models.ModelRow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window (headless under Monocle) over the real engine, proxy and demo upstream processes.
 */
class SwapdeckWindowTest {
    private static final long WAIT_SECONDS = 20;

    @TempDir Path dir;
    private Path configFile;
    private EngineFixture fixture;
    private TestWindow window;
    private final AtomicInteger exits = new AtomicInteger();
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void setUp() throws Exception {
        configFile = ConfigFiles.twoModels(dir);
        fixture = EngineFixture.withProxy(ConfigLoader.load(configFile));
        window = TestWindow.open(fixture, configFile, dir, exits::incrementAndGet);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (window != null) {
            window.close();
        } else if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void theTableListsTheConfiguredModels() {
        assertEquals(List.of("alpha", "beta"), fx(() -> modelsList().getItems().stream().map(ModelRow::id).toList()));
        assertEquals("Alpha", fx(() -> modelsList().getItems().get(0).displayNameProperty().get()));
        assertFalse(fx(() -> robot.lookup(".demo-banner").query().isVisible()));
        assertEquals(configFile.toString(), fx(() -> robot.lookup("#configLabel").queryAs(Label.class).getText()));
        assertEquals(modelsList(), fx(() -> modelsList().getScene().getFocusOwner()), "the keyboard starts on the models");
    }

    @Test
    void theWindowGetsTheTwoIconSizesJavaFxHandsAWindow() {
        waitUntil(() -> window.stage().getIcons().size() == AppIcon.SIZES.length);
        assertEquals(List.of(32.0, 128.0), fx(() -> window.stage().getIcons().stream().map(Image::getWidth).toList()));
    }

    @Test
    void clickingLoadTakesTheRowFromStartingToReady() {
        ModelRow beta = fx(() -> modelsList().getItems().get(1));
        List<ProcessState> seen = new CopyOnWriteArrayList<>();
        fx(() -> {
            beta.stateProperty().addListener((obs, was, now) -> seen.add(now));
            return null;
        });

        robot.clickOn(robot.lookup(NodeKey.is("model-beta")).<Node>query());
        robot.clickOn("#loadButton");
        waitUntil(() -> seen.contains(ProcessState.READY));

        assertEquals(List.of(ProcessState.STARTING, ProcessState.READY), seen);
        // cells redraw on the pulse after the row changes
        waitUntil(() -> robot.lookup(NodeKey.is("model-beta")).lookup(".badge.state-ready").tryQuery().isPresent()
                && !robot.lookup("#unloadButton").query().isDisabled()
                && robot.lookup("#loadButton").query().isDisabled());
    }

    @Test
    void aProxiedRequestShowsInTheUpstreamPaneOnly() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(fixture.proxyBase() + "/v1/chat/completions"))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());

        waitUntil(() -> pane("#upstreamLog").shownText().contains("request POST /v1/chat/completions"));
        assertFalse(fx(() -> pane("#proxyLog").shownText().contains("request POST")));
        assertTrue(fx(() -> pane("#proxyLog").shownText().contains("alpha")), "the proxy pane has its own lines");
    }

    @Test
    void keyboardShortcutsLoadTheSelectedModelAndUnloadAll() {
        fx(() -> {
            modelsList().getSelectionModel().select(1);
            modelsList().requestFocus();
            return null;
        });
        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        waitUntil(() -> running() == 1);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.U).release(KeyCode.U, KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil(() -> running() == 0);
    }

    @Test
    void aLogPaneStopsFollowingWhenScrolledUpAndFollowsAgainAtTheBottom() {
        for (int i = 0; i < 300; i++) {
            fixture.engine.logs().info("line " + i);
        }
        waitUntil(() -> pane("#proxyLog").shownText().contains("line 299"));
        assertTrue(fx(() -> pane("#proxyLog").followingProperty().get()));

        robot.clickOn("#proxyLog");
        robot.type(KeyCode.PAGE_UP, 3);
        waitUntil(() -> !pane("#proxyLog").followingProperty().get());

        robot.press(KeyCode.CONTROL, KeyCode.END).release(KeyCode.END, KeyCode.CONTROL);
        waitUntil(() -> pane("#proxyLog").followingProperty().get());
    }

    @Test
    void aFloodDrawsEveryLineAndKeepsTheNewestOnScreen() {
        for (int i = 0; i < 2000; i++) {
            fixture.engine.logs().info(String.format("flood %04d", i));
        }
        waitUntil(() -> pane("#proxyLog").shownText().contains("flood 1999"));
        String drawn = fx(() -> pane("#proxyLog").shownText());
        for (int i = 0; i < 2000; i++) {
            assertTrue(drawn.contains(String.format("flood %04d", i)), "line " + i + " is drawn");
        }
        assertTrue(fx(() -> pane("#proxyLog").followingProperty().get()));
        waitUntil(() -> LogRows.onScreen(pane("#proxyLog"), "flood 1999"));
        assertFalse(fx(() -> LogRows.onScreen(pane("#proxyLog"), "flood 1000")), "the pane shows the tail, not the middle");
    }

    @Test
    void onlyTheModelsViewIsBuiltUntilAnotherIsShown() {
        assertTrue(robot.lookup("#configEditor").tryQuery().isEmpty());
        assertTrue(robot.lookup("#requestTable").tryQuery().isEmpty());
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#requestTable").tryQuery().isPresent());
        assertTrue(robot.lookup("#configEditor").tryQuery().isEmpty(), "the Config view is still not built");
    }

    /** The first rows are rehearsed off screen with made-up requests and output: none of them may show. */
    @Test
    void theFirstRowsRehearsalLeavesNoMadeUpRowInTheWindowOrTheEngine() throws Exception {
        Thread.sleep(2000); // its seven steps are over within about a second of the window showing
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#requestTable").tryQuery().isPresent());
        assertTrue(fx(() -> robot.lookup("#requestTable").queryAs(ListView.class).getItems().isEmpty()));
        assertFalse(fx(() -> pane("#upstreamLog").shownText().contains("rehearsal")));
        assertTrue(fixture.engine.activity().recent().isEmpty());
        assertEquals(1, fx(() -> Window.getWindows().size()), "no window of its own");
    }

    @Test
    void unloadAllEmptiesTheRunningSet() {
        robot.clickOn(robot.lookup(NodeKey.is("load-profile-both")).<Node>query());
        waitUntil(() -> running() == 2);
        waitUntil(() -> "2 running".equals(robot.lookup("#runningLabel").queryAs(Label.class).getText()));

        robot.clickOn("#unloadAllButton");
        waitUntil(() -> running() == 0);
        waitUntil(() -> "0 running".equals(robot.lookup("#runningLabel").queryAs(Label.class).getText()));
        assertTrue(fx(() -> robot.lookup("#unloadAllButton").query().isDisabled()));
    }

    /** As one model's Unload: with a request in flight Unload all asks, Enter keeps the models. */
    @Test
    void unloadAllWithARequestInFlightAsksFirst() throws Exception {
        Lease lease = fixture.engine.upstreams().acquire(fixture.engine.upstreams().resolve("alpha"))
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        waitUntil(() -> robot.lookup("#runningLabel").queryAs(Label.class).getText().endsWith("1 request in flight"));
        waitUntil(() -> robot.lookup(NodeKey.is("model-alpha")).lookup(".model-facts").queryAs(Label.class).getText()
                .matches("pid \\d+ · up \\S+ · 1 in flight"));
        robot.clickOn("#unloadAllButton");
        waitUntil(() -> robot.lookup("Unload anyway").tryQuery().isPresent());
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitUntil(() -> robot.lookup("Unload anyway").tryQuery().isEmpty());
        assertEquals(1, running(), "Enter keeps the model and its request");

        robot.clickOn("#unloadAllButton");
        waitUntil(() -> robot.lookup("Unload anyway").tryQuery().isPresent());
        robot.clickOn("Unload anyway");
        waitUntil(() -> running() == 0);
        lease.close();
    }

    /** The shortcuts work from every view: Ctrl+U from another tab asks as the Models view would. */
    @Test
    void unloadFromAnotherViewWithARequestInFlightAsksFirst() throws Exception {
        try (Lease lease = askToUnloadABusyModelFromTheActivityView()) {
            robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
            waitUntil(() -> robot.lookup("Unload anyway").tryQuery().isEmpty());
            assertEquals(1, running(), "Enter keeps the model and its request");
        }
    }

    @Test
    void theUnloadQuestionGoesAwayOnceTheModelStoppedMeanwhile() throws Exception {
        try (Lease lease = askToUnloadABusyModelFromTheActivityView()) {
            fixture.engine.unload("alpha").get(WAIT_SECONDS, TimeUnit.SECONDS); // stopped another way: the API, a reload
            waitUntil(() -> robot.lookup("Unload anyway").tryQuery().isEmpty());
            assertEquals(0, running());
        }
    }

    /** Loads alpha, holds a request on it and presses Ctrl+U in the Activity view; returns once it asks. */
    private Lease askToUnloadABusyModelFromTheActivityView() throws Exception {
        fixture.engine.load("alpha").get(WAIT_SECONDS, TimeUnit.SECONDS);
        fx(() -> {
            modelsList().getSelectionModel().select(0);
            modelsList().requestFocus();
            return null;
        });
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        waitUntil(() -> "activityTab".equals(robot.lookup("#viewTabs").queryAs(TabPane.class)
                .getSelectionModel().getSelectedItem().getId()));
        Lease lease = fixture.engine.upstreams().acquire(fixture.engine.upstreams().resolve("alpha"))
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        waitUntil(() -> robot.lookup("#runningLabel").queryAs(Label.class).getText().endsWith("1 request in flight"));
        robot.press(KeyCode.CONTROL, KeyCode.U).release(KeyCode.U, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("Unload anyway").tryQuery().isPresent());
        return lease;
    }

    @Test
    void reloadingABrokenFileShowsTheErrorAndKeepsTheModels() throws Exception {
        Files.writeString(configFile, "models:\n  x:\n    cmd: echo ${PORT}\n    ttl: soon\n");

        robot.clickOn("#reloadButton");
        waitUntil(() -> robot.lookup(".error-banner").query().isVisible());
        waitUntil(() -> robot.lookup("#reloadButton").query().isFocused()); // the keyboard back on it, not on the next

        String errors = fx(() -> robot.lookup("#errorText").queryAs(Label.class).getText());
        assertTrue(errors.startsWith(configFile + ":4:10: models.x.ttl"), errors);
        assertEquals(List.of("alpha", "beta"), fx(() -> modelsList().getItems().stream().map(ModelRow::id).toList()));
        assertEquals(2, fixture.engine.models().size());

        robot.clickOn("#editRejectedButton");
        waitUntil(() -> robot.lookup("#configEditor").tryQuery().map(Node::isVisible).orElse(false)
                && fx(() -> robot.lookup("#configEditor").queryAs(CodeArea.class).getText()).contains("ttl: soon")
                && !fx(() -> robot.lookup("#problemsList").queryAs(ListView.class).getItems().isEmpty()));
        ConfigMarker marked = fx(() -> (ConfigMarker) robot.lookup("#problemsList").queryAs(ListView.class).getItems().get(0));
        assertEquals(List.of(4, 10), List.of(marked.line(), marked.column()), "the editor marks where it went wrong");
    }

    /** Only Open config chooses the file the next launch opens; the editor's Save and reload does not. */
    @Test
    void theEditorsSaveAndReloadIsNotRememberedForTheNextLaunch() throws Exception {
        SwapdeckConfig before = fixture.engine.config();
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        waitUntil(() -> fx(() -> robot.lookup("#configEditor").queryAs(CodeArea.class).getText()).contains("alpha"));
        robot.clickOn("#applyButton");
        waitUntil(() -> fixture.engine.config() != before);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Optional.empty(), WindowState.load(dir.resolve("window.properties")).get(WindowState.LAST_CONFIG));
    }

    /** Quitting would cut a request off: the window asks, Enter keeps it running, "Quit anyway" quits. */
    @Test
    void quittingWithARequestInFlightAsksFirst() throws Exception {
        Lease lease = fixture.engine.upstreams().acquire(fixture.engine.upstreams().resolve("alpha"))
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        waitUntil(() -> robot.lookup("#runningLabel").queryAs(Label.class).getText().endsWith("1 request in flight"));
        robot.press(KeyCode.CONTROL, KeyCode.Q).release(KeyCode.Q, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("Quit anyway").tryQuery().isPresent());
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitUntil(() -> robot.lookup("Quit anyway").tryQuery().isEmpty());
        assertFalse(fixture.engine.isShuttingDown(), "Enter keeps Swapdeck running");

        robot.clickOn("#shutdownButton");
        waitUntil(() -> robot.lookup("Quit anyway").tryQuery().isPresent());
        robot.clickOn("Quit anyway");
        waitUntil(() -> exits.get() == 1);
        assertTrue(fixture.engine.isShuttingDown());
        lease.close();
    }

    @Test
    void shutdownLeavesNoChildProcess() {
        robot.clickOn(robot.lookup(NodeKey.is("model-alpha")).<Node>query());
        robot.clickOn("#loadButton");
        waitUntil(() -> running() == 1 && fixture.engine.models().get(0).process().state() == ProcessState.READY);

        robot.clickOn("#shutdownButton");
        waitUntil(() -> exits.get() == 1);
        ProcessAssertions.assertNoDescendants(Duration.ofSeconds(1));
        assertTrue(fixture.engine.isShuttingDown());
        assertFalse(fx(() -> robot.listTargetWindows().stream().anyMatch(javafx.stage.Window::isShowing)));
    }

    private long running() {
        return fixture.engine.models().stream().map(ModelStatus::process)
                .filter(p -> p.state() != ProcessState.STOPPED).count();
    }

    @SuppressWarnings("unchecked")
    private ListView<ModelRow> modelsList() {
        return (ListView<ModelRow>) robot.lookup("#modelsList").queryAs(ListView.class);
    }

    private LogPaneView pane(String id) {
        return robot.lookup(id).queryAs(LogPaneView.class);
    }

    private static <T> T fx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void waitUntil(Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> fx(condition));
        } catch (Exception e) {
            throw new AssertionError("condition not met within " + WAIT_SECONDS + " s", e);
        }
    }
}
