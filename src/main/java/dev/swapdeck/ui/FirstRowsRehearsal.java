package dev.swapdeck.ui;

import dev.swapdeck.activity.ActivityRecord;
import dev.swapdeck.activity.TokenCounts;
import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.logging.LogLine;
import dev.swapdeck.logging.LogStream;
import dev.swapdeck.ui.activity.ActivityController;
import dev.swapdeck.ui.activity.ActivityViewModel;
import dev.swapdeck.ui.logs.LogPaneModel;
import dev.swapdeck.ui.logs.LogPaneView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import javafx.animation.PauseTransition;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.VBox;

/**
 * Draws, once, off screen and soon after the window is shown, what the window will draw for the
 * first time later: request rows and chart points in an Activity view, a model's output in a log
 * pane. Their first drawing runs code nothing has run yet (CSS lookups for new style classes, text
 * layout, the charts' axes, cell creation); paid in the pulse that brings a user's first requests
 * into the Activity view or a model's first output on screen, it made that pulse 50–100 ms long on
 * two cores (the window benchmark's whole-flood gap: 49, 96 and 96 ms without this, 48, 48 and 63 ms
 * with it). Here it is paid in six pulses of 17–80 ms in the second after the launch, when nothing
 * on screen moves yet. Nothing here is attached to the window or the engine: the rows are made up
 * and dropped afterwards. FX thread only.
 */
final class FirstRowsRehearsal {
    /** Once the window's first frames are drawn; each step then waits for a pulse or two of its own. */
    private static final javafx.util.Duration FIRST_STEP_AFTER = javafx.util.Duration.millis(200);
    private static final javafx.util.Duration BETWEEN_STEPS = javafx.util.Duration.millis(30);
    private static final int OUTPUT_LINES = 200;

    private final List<String> stylesheets;
    private final ZoneId zone;
    private final List<Runnable> steps = new ArrayList<>();
    private ActivityViewModel activity;
    private LogPaneModel outputModel;
    private LogPaneView output;
    private Scene scene;

    private FirstRowsRehearsal(List<String> stylesheets, ZoneId zone) {
        this.stylesheets = stylesheets;
        this.zone = zone;
        steps.add(this::buildActivity);
        steps.add(() -> addRequests(0));
        steps.add(this::buildOutputPane);
        steps.add(() -> addOutput(0));
        steps.add(() -> addRequests(3));
        steps.add(() -> addOutput(OUTPUT_LINES));
        steps.add(this::drop);
    }

    /** Starts the rehearsal a little after now, styled as {@code window} is. */
    static void start(Scene window, ZoneId zone) {
        new FirstRowsRehearsal(List.copyOf(window.getStylesheets()), zone).next(FIRST_STEP_AFTER);
    }

    private void next(javafx.util.Duration after) {
        if (steps.isEmpty()) {
            return;
        }
        PauseTransition pause = new PauseTransition(after);
        pause.setOnFinished(e -> {
            steps.remove(0).run();
            next(BETWEEN_STEPS);
        });
        pause.play();
    }

    private void buildActivity() {
        activity = new ActivityViewModel(ActivityViewModel.DEFAULT_ROWS, ActivityViewModel.DEFAULT_POINTS, zone);
        FXMLLoader loader = new FXMLLoader(ActivityController.class.getResource("ActivityView.fxml"));
        loader.setControllerFactory(type -> new ActivityController(activity, zone));
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        VBox root = new VBox(loader.<Parent>getRoot());
        scene = new Scene(root, 1200, 780);
        scene.getStylesheets().setAll(stylesheets);
        drawn();
    }

    private void addRequests(int from) {
        Instant now = Instant.now();
        List<ActivityRecord> records = new ArrayList<>();
        for (int i = from; i < from + 3; i++) {
            String model = i % 2 == 0 ? "rehearsal-a" : "rehearsal-b";
            records.add(new ActivityRecord(i + 1, now.plusMillis(i * 250L), model, "POST", "/v1/chat/completions",
                    i == 4 ? 502 : 200, i % 2 == 0, Duration.ofMillis(120 + i * 40L),
                    Optional.of(Duration.ofMillis(30 + i * 7L)),
                    new TokenCounts(OptionalInt.of(12 + i), OptionalInt.of(40 + i), OptionalDouble.of(30.5 + i)),
                    i == 0 ? new ActivityRecord.Wait(ActivityRecord.WaitReason.START, Duration.ofMillis(800))
                            : ActivityRecord.Wait.NONE, Optional.empty()));
        }
        activity.accept(records);
        drawn();
    }

    private void buildOutputPane() {
        outputModel = new LogPaneModel(LogStream.UPSTREAM, LogPaneModel.DEFAULT_CAPACITY, model -> List.of());
        output = new LogPaneView("Upstream output", outputModel);
        ((VBox) scene.getRoot()).getChildren().add(output);
        drawn();
    }

    private void addOutput(int from) {
        int count = from == 0 ? OUTPUT_LINES / 4 : OUTPUT_LINES;
        List<LogLine> lines = new ArrayList<>(count);
        Instant now = Instant.now();
        for (int i = from; i < from + count; i++) {
            lines.add(new LogLine(i + 1, now, LogStream.UPSTREAM, "rehearsal-a",
                    i % 50 == 7 ? LogLevel.WARN : LogLevel.INFO,
                    i % 10 == 3 ? "\u001b[32mslot launch_slot_: id  0 | task " + i + " | processing task\u001b[0m"
                            : "srv  log_server_r: request: POST /v1/chat/completions 127.0.0.1 200 (" + i + ")"));
        }
        output.append(outputModel.accept(lines, 0));
        drawn();
    }

    private void drop() {
        scene.setRoot(new VBox());
        scene = null;
        activity = null;
        output = null;
        outputModel = null;
    }

    /**
     * Styles and lays out the scene as a window's pulse would. Not rendered: a snapshot doubled the
     * steps' cost (up to 128 ms each) and did not make the first real rows cheaper.
     */
    private void drawn() {
        scene.getRoot().applyCss();
        scene.getRoot().layout();
    }
}
