package dev.swapdeck.ui;

import dev.swapdeck.config.DemoConfig;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.testing.Await;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Renders the README screenshots headlessly (Monocle) at the window's default size, 1200×780: the
 * built-in demo with one model ready and a chat request served, one picture per view, into the
 * folder named by {@code swapdeck.screenshots}. Skipped unless asked:
 * <pre>mvn -B -ntp test -Dtest=ScreenshotTool -Dswapdeck.screenshots=docs</pre>
 * Add {@code -Dswapdeck.theme=dark} for the dark theme (files get a {@code -dark} suffix), and
 * {@code -Dswapdeck.size=1024x700} to check a smaller window.
 */
@EnabledIfSystemProperty(named = "swapdeck.screenshots", matches = ".+")
class ScreenshotTool {
    private final FxRobot robot = new FxRobot();

    @Test
    void rendersEveryView() throws Exception {
        Path folder = Path.of(System.getProperty("swapdeck.screenshots"));
        String theme = System.getProperty("swapdeck.theme", "light");
        String suffix = theme.equals("light") ? "" : "-" + theme;
        Path state = Files.createTempDirectory("swapdeck-screenshot");
        Files.writeString(state.resolve("window.properties"), "theme=" + theme + "\nsplit.main=0.6\n");
        try (EngineFixture fixture = EngineFixture.withProxy(DemoConfig.load())) {
            fixture.engine.load("demo-fast").get(30, TimeUnit.SECONDS);
            chat(fixture.proxyBase(), "fast", false);
            UiOptions options = new UiOptions(Optional.empty(), fixture.proxyBase(), true,
                    state.resolve("config.yaml"), state.resolve("window.properties"));
            Stage stage = FxToolkit.registerPrimaryStage();
            SwapdeckApp app = (SwapdeckApp) FxToolkit.setupApplication(() -> new SwapdeckApp(fixture.engine, options, () -> { }));
            String[] size = System.getProperty("swapdeck.size", "1200x780").split("x");
            WaitForAsyncUtils.asyncFx(() -> {
                stage.setWidth(Double.parseDouble(size[0]));
                stage.setHeight(Double.parseDouble(size[1]));
            }).get();
            Await.until("demo-fast ready", Duration.ofSeconds(10), () -> fixture.engine.models().get(0).process().state()
                    == ProcessState.READY);
            Thread.sleep(1500);
            write(stage, folder.resolve("screenshot" + suffix + ".png"));

            robot.interact(() -> robot.lookup("#createConfigButton").queryAs(Button.class).fire());
            Await.until("the template in the editor", Duration.ofSeconds(10),
                    () -> robot.lookup("#configEditor").queryAs(CodeArea.class).getText().contains("models:"));
            robot.interact(() -> {
                CodeArea editor = robot.lookup("#configEditor").queryAs(CodeArea.class);
                editor.replaceText(editor.getText().replaceFirst("ttl: 300", "ttl: 5 minutes"));
            });
            Thread.sleep(1500);
            robot.interact(() -> robot.lookup("#problemsList").queryAs(ListView.class)
                    .getSelectionModel().select(0));
            Thread.sleep(500);
            write(stage, folder.resolve("screenshot-config" + suffix + ".png"));

            robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
            robot.interact(() -> {
                robot.lookup("#targetBox").queryAs(ComboBox.class).getEditor().setText("fast");
                robot.lookup("#promptArea").queryAs(TextArea.class).setText("Hello! Who are you?");
                robot.lookup("#sendButton").queryAs(Button.class).fire();
            });
            Await.until("the answer streamed", Duration.ofSeconds(30), () -> FxWait.fx(
                    () -> robot.lookup("#stopButton").query().isDisabled()
                            && robot.lookup("#statsLabel").queryAs(Label.class).getText().contains("tokens/s")));
            Thread.sleep(500);
            write(stage, folder.resolve("screenshot-playground" + suffix + ".png"));

            for (int i = 0; i < 8; i++) {
                chat(fixture.proxyBase(), i % 2 == 0 ? "fast" : "pair:demo-slow", true);
                Thread.sleep(700);
            }
            robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
            Thread.sleep(1500);
            write(stage, folder.resolve("screenshot-activity" + suffix + ".png"));
            FxToolkit.cleanupApplication(app);
            FxToolkit.hideStage();
        }
    }

    private static void chat(String base, String model, boolean stream) throws IOException, InterruptedException {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hello!\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void write(Stage stage, Path out) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get();
        BufferedImage picture = SwingFXUtils.fromFXImage(image, null);
        Files.createDirectories(out.toAbsolutePath().getParent());
        ImageIO.write(picture, "png", out.toFile());
    }
}
