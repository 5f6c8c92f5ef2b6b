package dev.swapdeck.ui.activity;

import static dev.swapdeck.ui.FxWait.fx;
import static dev.swapdeck.ui.FxWait.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.ui.ConfigFiles;
import dev.swapdeck.ui.EngineFixture;
import dev.swapdeck.ui.TestWindow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The Activity view in the real window, filled by real requests through the proxy to demo
 * upstreams; then the same requests in the selected model's detail.
 */
class ActivityViewTest {
    @TempDir Path dir;
    private EngineFixture fixture;
    private TestWindow window;
    private final FxRobot robot = new FxRobot();
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() throws Exception {
        Path config = ConfigFiles.twoModels(dir);
        fixture = EngineFixture.withProxy(ConfigLoader.load(config));
        window = TestWindow.open(fixture, config, dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        window.close();
    }

    @Test
    void requestsThroughTheProxyAppearWithTheirFiguresAndChartPoints() throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        until("the activity table has the keyboard", () -> table().isFocused());

        assertEquals(200, chat("alpha", true));
        assertEquals(200, chat("b", false));
        until("both requests listed", () -> table().getItems().size() == 2);

        List<ActivityRow> rows = fx(() -> List.copyOf(table().getItems()));
        ActivityRow beta = rows.get(0);
        ActivityRow alpha = rows.get(1);
        assertEquals(List.of("beta", "alpha"), List.of(beta.model(), alpha.model()), "newest first, by model id");
        assertEquals("200", alpha.status());
        assertTrue(alpha.firstToken().endsWith("ms") || alpha.firstToken().endsWith(" s"), alpha.firstToken());
        assertTrue(alpha.speed().endsWith("t/s"), "a stream reports its speed: " + alpha.speed());
        assertNotEquals(ActivityRow.UNKNOWN, alpha.tokens());
        until("alpha charted", () -> speedChart().getData().stream()
                .anyMatch(series -> series.name().equals("alpha") && series.points().size() == 1));
        until("its time on the axis", () -> speedChart().tickLabels().stream().anyMatch(label -> label.matches("\\d\\d:\\d\\d:\\d\\d")));

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        robot.interact(() -> robot.lookup("#modelsList").queryAs(ListView.class).getSelectionModel().select(0));
        until("alpha's detail shows its speed", () -> fact("speed").endsWith(" tok/s"));
        assertTrue(fx(() -> fact("requests")).contains("200 in "), fx(() -> fact("requests")));
    }

    private String fact(String key) {
        return robot.lookup("#fact-" + key).queryAs(Label.class).getText();
    }

    private int chat(String model, boolean stream) throws Exception {
        String body = "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"Hello!\"}]}";
        return client.send(HttpRequest.newBuilder(URI.create(fixture.proxyBase() + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    @SuppressWarnings("unchecked")
    private ListView<ActivityRow> table() {
        return robot.lookup("#requestTable").queryAs(ListView.class);
    }

    private TimeChart speedChart() {
        return robot.lookup("#speedChart").queryAs(TimeChart.class);
    }
}
