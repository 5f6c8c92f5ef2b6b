package dev.swapdeck.ui.models;

import static dev.swapdeck.ui.FxWait.fx;
import static dev.swapdeck.ui.FxWait.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.testing.FreePorts;
import dev.swapdeck.ui.EngineFixture;
import dev.swapdeck.ui.NodeKey;
import dev.swapdeck.ui.TestWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** A list that shows all its models (which run side by side) with a few pixels to spare; the last, selected, is loaded. */
class ModelListGrowthTest {
    private static final int MODELS = 6;
    private static final String LAST = "model-" + MODELS;

    @TempDir Path dir;
    private EngineFixture fixture;
    private TestWindow window;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void setUp() throws Exception {
        StringBuilder yaml = new StringBuilder("models:\n");
        for (int i = 1; i <= MODELS; i++) {
            yaml.append("  model-").append(i).append(":\n    proxy: http://127.0.0.1:").append(FreePorts.loopback())
                    .append("\n    cmd: sleep 60\n");
        }
        yaml.append("groups:\n  together:\n    swap: false\n    members: [");
        for (int i = 1; i <= MODELS; i++) {
            yaml.append(i == 1 ? "" : ", ").append("model-").append(i);
        }
        Path config = Files.writeString(dir.resolve("config.yaml"), yaml.append("]\n").toString());
        fixture = EngineFixture.start(ConfigLoader.load(config));
        window = TestWindow.openAtDefaultSize(fixture, config, dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        window.close();
    }

    /**
     * Its new line (the pid) would otherwise sit below the list's edge, unseen until scrolled to:
     * the list had nothing to scroll when the row was selected.
     */
    @Test
    void theSelectedRowThatGrowsStaysWholeInView() {
        until("every model listed", () -> list().getItems().size() == MODELS);
        robot.interact(() -> list().getSelectionModel().selectLast());
        WaitForAsyncUtils.waitForFxEvents();
        double spare = fx(() -> bottomOf(flow()) - bottomOf(cell()));
        robot.interact(() -> list().setMaxHeight(list().getHeight() - spare + 4));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx(() -> bottomOf(cell()) <= bottomOf(flow()) + 0.5), "the last row starts in view");

        fixture.engine.load(LAST);
        until("the row's pid shown", () -> ((Label) cell().lookup(".model-facts")).getText().startsWith("pid "));
        until("the grown row whole in view", () -> bottomOf(cell()) <= bottomOf(flow()) + 0.5);

        robot.interact(() -> list().scrollTo(0));
        fixture.engine.load("model-1");
        until("the first row's pid shown", () -> ((Label) robot.lookup(NodeKey.is("model-model-1"))
                .query().lookup(".model-facts")).getText().startsWith("pid "));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, fx(() -> flow().getFirstVisibleCell().getIndex()), "the list left where it was scrolled to");
    }

    private static double bottomOf(Node node) {
        return node.localToScene(0, node.getLayoutBounds().getHeight()).getY();
    }

    private Node cell() {
        return robot.lookup(NodeKey.is("model-" + LAST)).query();
    }

    private VirtualFlow<?> flow() {
        return (VirtualFlow<?>) list().lookup(".virtual-flow");
    }

    @SuppressWarnings("unchecked")
    private ListView<ModelRow> list() {
        return (ListView<ModelRow>) robot.lookup("#modelsList").queryAs(ListView.class);
    }
}
