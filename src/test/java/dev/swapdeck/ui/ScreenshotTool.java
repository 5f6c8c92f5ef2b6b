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
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Renders the README screenshot headlessly (Monocle): the built-in demo with one model ready and a
 * chat request served, written to the path in {@code swapdeck.screenshot}. Skipped unless asked:
 * <pre>mvn -B -ntp test -Dtest=ScreenshotTool -Dswapdeck.screenshot=docs/screenshot.png</pre>
 * Add {@code -Dswapdeck.theme=dark} for the dark theme.
 */
@EnabledIfSystemProperty(named = "swapdeck.screenshot", matches = ".+")
class ScreenshotTool {
    static {
        // Monocle's headless screen is 1280x800 by default; a window as large overflows its painter
        if (System.getProperty("headless.geometry") == null) {
            System.setProperty("headless.geometry", "1600x1000-32");
        }
    }

    @Test
    void rendersTheDemoWindow() throws Exception {
        Path out = Path.of(System.getProperty("swapdeck.screenshot"));
        Path state = Files.createTempDirectory("swapdeck-screenshot");
        Files.writeString(state.resolve("window.properties"),
                "theme=" + System.getProperty("swapdeck.theme", "light") + "\nsplit.main=0.47\n");
        try (EngineFixture fixture = EngineFixture.withProxy(DemoConfig.load())) {
            fixture.engine.load("demo-fast").get(30, TimeUnit.SECONDS);
            chat(fixture.proxyBase());
            UiOptions options = new UiOptions(Optional.empty(), fixture.proxyBase(), true,
                    state.resolve("config.yaml"), state.resolve("window.properties"));
            Stage stage = FxToolkit.registerPrimaryStage();
            SwapdeckApp app = (SwapdeckApp) FxToolkit.setupApplication(() -> new SwapdeckApp(fixture.engine, options, () -> { }));
            WaitForAsyncUtils.asyncFx(() -> {
                stage.setWidth(1280);
                stage.setHeight(800);
            }).get();
            Await.until("demo-fast ready", Duration.ofSeconds(10), () -> fixture.engine.models().get(0).process().state()
                    == ProcessState.READY);
            Thread.sleep(1500);
            WritableImage image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get();
            write(SwingFXUtils.fromFXImage(image, null), out);
            FxToolkit.cleanupApplication(app);
            FxToolkit.hideStage();
        }
    }

    private static void chat(String base) throws IOException, InterruptedException {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"fast\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello!\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void write(BufferedImage image, Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        ImageIO.write(image, "png", out.toFile());
    }
}
