package dev.swapdeck.ui.models;

import static dev.swapdeck.ui.FxWait.fx;
import static dev.swapdeck.ui.FxWait.until;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.testing.FreePorts;
import dev.swapdeck.ui.EngineFixture;
import dev.swapdeck.ui.TestWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The models view at the window's smallest size (1024×700) over a dozen local models and a peer's
 * two, the last with a long name. Nothing is started.
 */
class RemoteModelsViewTest {
    private static final String LONG_REMOTE = "a-very-long-remote-model-name-that-goes-on-and-on-past-the-edge-of-the-list";

    @TempDir Path dir;
    private EngineFixture fixture;
    private TestWindow window;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void setUp() throws Exception {
        StringBuilder yaml = new StringBuilder("models:\n");
        for (int i = 0; i < 12; i++) {
            yaml.append("  m").append(i).append(":\n    proxy: http://127.0.0.1:").append(FreePorts.loopback())
                    .append("\n    cmd: sleep 60\n");
        }
        yaml.append("peers:\n  gpu-a:\n    proxy: http://127.0.0.1:").append(FreePorts.loopback())
                .append("\n    models: [remote-one, ").append(LONG_REMOTE).append("]\n");
        Path config = Files.writeString(dir.resolve("config.yaml"), yaml.toString());
        fixture = EngineFixture.start(ConfigLoader.load(config));
        window = TestWindow.open(fixture, config, dir);
        fx(() -> {
            window.stage().setWidth(1024);
            window.stage().setHeight(700);
            return null;
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        window.close();
    }

    /** Its output is printed on the peer's machine: Show output had nothing to show, yet was enabled. */
    @Test
    void showOutputIsDisabledForAPeersModel() {
        until("every model listed", () -> list().getItems().size() == 14);
        Button output = robot.lookup("#outputButton").queryAs(Button.class);
        assertTrue(!fx(output::isDisabled), "a local model's output can be shown");

        robot.interact(() -> list().getSelectionModel().select(12));
        until("the peer's model shown", () -> output.isDisabled());
        assertTrue(fx(() -> output.getTooltip().getText()).contains("on the peer's machine"));

        robot.interact(() -> list().getSelectionModel().select(0));
        until("a local model's again", () -> !output.isDisabled());
        assertTrue(fx(() -> output.getTooltip().getText()).contains("Ctrl+Shift+O"));
    }

    @SuppressWarnings("unchecked")
    private ListView<ModelRow> list() {
        return (ListView<ModelRow>) robot.lookup("#modelsList").queryAs(ListView.class);
    }
}
