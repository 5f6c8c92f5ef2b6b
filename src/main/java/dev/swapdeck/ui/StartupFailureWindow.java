package dev.swapdeck.ui;

import dev.swapdeck.process.FileDescriptors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * A small window that tells a person why Swapdeck could not start (an invalid configuration, a busy
 * port, a window that failed to build): someone who launched it from the desktop menu never sees
 * stderr. The detail is selectable so it can be copied into an editor or a bug report.
 */
public final class StartupFailureWindow {
    private static final double WIDTH = 640;
    private static final double HEIGHT = 320;

    private StartupFailureWindow() {
    }

    /**
     * Shows the failure once the JavaFX toolkit has started ({@link FxStart}) and blocks until the
     * person closes it or {@code dismissed} completes (a SIGTERM: the desktop session ends), which
     * ends the toolkit. Call it only before any window of this JVM has closed (the toolkit runs once
     * per process).
     *
     * @return false when no window can be shown at all (no display): the caller's stderr is all
     *         there is
     */
    public static boolean show(String title, String detail, Optional<Path> file, CompletableFuture<?> dismissed) {
        CountDownLatch closed = new CountDownLatch(1);
        Thread fxThread;
        try {
            fxThread = FxStart.runLater(() -> {
                Stage stage = open(title, detail, file, StartupFailureWindow::openOnDesktop, () -> {
                    Platform.exit();
                    closed.countDown();
                });
                dismissed.thenRun(() -> Platform.runLater(stage::close));
            });
        } catch (RuntimeException | Error e) {
            return false;
        }
        SwapdeckWindow.awaitUninterruptibly(closed);
        SwapdeckWindow.joinUninterruptibly(fxThread);
        return true;
    }

    /** Shows the failure on the FX thread of a toolkit already running; {@code onClose} runs on that thread. */
    static Stage open(String title, String detail, Runnable onClose) {
        return open(title, detail, Optional.empty(), path -> Optional.empty(), onClose);
    }

    /**
     * The same; with a {@code file} at fault (a configuration with errors), a button opens it with {@code opener},
     * which says why when it could not: the person fixes it there, where this window's text says.
     */
    static Stage open(String title, String detail, Optional<Path> file, Function<Path, Optional<String>> opener,
            Runnable onClose) {
        Stage stage = new Stage();
        Label heading = new Label(title);
        heading.setWrapText(true);
        heading.getStyleClass().add(StyleClasses.SECTION_TITLE);
        TextArea text = new TextArea(detail);
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefRowCount(Math.min(14, Math.max(4, (int) detail.lines().count() + 1)));
        text.getStyleClass().add(StyleClasses.ERROR_DETAIL);
        VBox.setVgrow(text, Priority.ALWAYS);
        Button close = new Button("Close");
        close.setDefaultButton(true);
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());
        HBox buttons = new HBox(close);
        file.ifPresent(path -> {
            Button edit = new Button("Open " + path.getFileName());
            edit.setId("openFaultyFile");
            edit.setOnAction(e -> opener.apply(path).ifPresent(why -> text.appendText("\n\nCould not open " + path
                    + " (" + why + "): open it in a text editor of your own.")));
            buttons.getChildren().add(0, edit);
        });
        buttons.getStyleClass().add(StyleClasses.DIALOG_BUTTONS);
        VBox root = new VBox(10, heading, text, buttons);
        root.setPadding(new Insets(14));
        root.getStyleClass().add(StyleClasses.APP_ROOT);
        Scene scene = new Scene(root, WIDTH, HEIGHT);
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
            }
        });
        Theme.LIGHT.applyTo(scene);
        stage.setScene(scene);
        stage.setTitle("Swapdeck could not start");
        AppIcon.applyTo(stage);
        // after hide() has returned: exiting the toolkit inside it leaves the window half torn down
        stage.setOnHidden(e -> Platform.runLater(onClose));
        SceneSize.show(stage, WIDTH, HEIGHT);
        close.requestFocus();
        return stage;
    }

    /** Opens {@code file} with the desktop's program for it ({@code xdg-open}); why not, when it could not start it. */
    private static Optional<String> openOnDesktop(Path file) {
        try {
            FileDescriptors.ensureRoomToStart();
            new ProcessBuilder("xdg-open", file.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("xdg-open could not be run");
        }
    }
}
