package dev.swapdeck.ui;

import static dev.swapdeck.ui.FxWait.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.DemoConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The built-in demo's window, view by view, at the default size (1200×780) and at the smallest it can
 * be made (1024×700): no label or button anywhere in it is drawn cut short with an ellipsis, and
 * no view claims something about a file the demo does not have.
 */
class EveryViewLegibleTest {
    private static final double[][] SIZES = {{1200, 780}, {SwapdeckApp.MIN_WIDTH, SwapdeckApp.MIN_HEIGHT}};

    @TempDir Path dir;
    private final FxRobot robot = new FxRobot();

    @Test
    void everyViewShowsEveryLabelWholeAtBothSizes() throws Exception {
        try (EngineFixture fixture = EngineFixture.start(DemoConfig.load())) {
            UiOptions options = new UiOptions(Optional.empty(), fixture.proxyBase(), true,
                    dir.resolve("config.yaml"), dir.resolve("window.properties"));
            Stage stage = FxToolkit.registerPrimaryStage();
            SwapdeckApp app = (SwapdeckApp) FxToolkit.setupApplication(
                    () -> new SwapdeckApp(fixture.engine, options, () -> { }));
            try {
                assertEquals(List.of(SwapdeckApp.MIN_WIDTH, SwapdeckApp.MIN_HEIGHT),
                        fx(() -> List.of(stage.getMinWidth(), stage.getMinHeight())), "it cannot be made smaller than checked here");
                for (double[] size : SIZES) {
                    robot.interact(() -> {
                        stage.setWidth(size[0]);
                        stage.setHeight(size[1]);
                    });
                    TabPane tabs = robot.lookup("#viewTabs").queryAs(TabPane.class);
                    for (Tab tab : List.copyOf(tabs.getTabs())) {
                        robot.interact(() -> tabs.getSelectionModel().select(tab));
                        WaitForAsyncUtils.waitForFxEvents();
                        List<String> cut = fx(() -> Truncation.truncatedLabels(stage.getScene().getRoot()));
                        assertTrue(cut.isEmpty(), (int) size[0] + "x" + (int) size[1] + ", " + tab.getText() + ": " + cut);
                        List<String> beyond = fx(() -> Truncation.beyondWindow(stage.getScene()));
                        assertTrue(beyond.isEmpty(), (int) size[0] + "x" + (int) size[1] + ", " + tab.getText()
                                + ", past the window's edge: " + beyond);
                        double logs = fx(() -> robot.lookup("#logsSplit").queryAs(SplitPane.class).getDividerPositions()[0]);
                        assertEquals(0.5, logs, 0.03, (int) size[0] + "x" + (int) size[1] + ": the two log panes share the"
                                + " width as they did (a pane's minimum width pushing the divider moves it for good)");
                        if ("Config".equals(tab.getText())) {
                            assertFalse(fx(() -> robot.lookup("#problemsList").queryAs(ListView.class).getPlaceholder()
                                    .isVisible()), "the demo has no file: nothing was checked to 'load as it is'");
                        }
                    }
                }
            } finally {
                FxToolkit.cleanupApplication(app);
                FxToolkit.hideStage();
            }
        }
    }
}
