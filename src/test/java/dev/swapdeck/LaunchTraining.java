package dev.swapdeck;

import dev.swapdeck.config.ConfigLocation;
import dev.swapdeck.testing.FreePorts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.control.TabPane;
import javafx.stage.Window;

/**
 * Run by the build (the pom's {@code launch-class-list} execution, after the fat jar is made) in a
 * JVM started with {@code -XX:DumpLoadedClassList=target/launch-classes.lst}: launches Swapdeck as
 * {@code java -jar} does, under JavaFX Monocle so that no display is needed, waits until the window
 * has shown and drawn, sends the demo a chat, a streamed chat and the usual GETs
 * ({@link TrainingRequests}), shows each view once, and exits. The list then names every class that
 * launch, those first requests and the views loaded; the {@code launch-class-archive} execution writes
 * those the fat jar holds, with the JDK's, into {@code target/swapdeck.jsa}, and
 * {@code java -XX:SharedArchiveFile=target/swapdeck.jsa -jar target/swapdeck.jar} maps them instead of
 * reading, parsing and verifying them again (figure 6 of the benchmark says how much that saves for
 * the launch, figure 8 for the first chats).
 *
 * <p>Arguments are Main's; the trainer adds {@code --listen 127.0.0.1:<a free port>}, so that it knows
 * where to send its requests. With no {@code --config} the launch is the built-in demo's: the build
 * sets {@code HOME} and the XDG folders to a scratch folder so that no configuration, window state or
 * state folder of the person building is read, and {@code $SWAPDECK_CONFIG} is ignored here. Exits 0
 * after the window showed (a request that fails is reported and skipped), 1 if it did not within a
 * minute.
 */
public final class LaunchTraining {
    private static final long SHOWN_TIMEOUT_SECONDS = 60;
    /** After the window shows: its first pulses lay out and draw the filled model list. */
    private static final long DRAWN_MILLIS = 1_000;
    private static final long POLL_MILLIS = 50;
    /** The views in tab order, ending where a launch starts; each shown for a few pulses. */
    private static final List<String> VIEWS = List.of("Config", "Playground", "Activity", "Models");
    private static final long VIEW_MILLIS = 300;

    private LaunchTraining() {
    }

    public static void main(String[] mainArgs) throws InterruptedException {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove(ConfigLocation.ENV_VARIABLE);
        int port = FreePorts.loopback();
        List<String> args = new ArrayList<>(List.of(mainArgs));
        args.addAll(List.of("--listen", "127.0.0.1:" + port));
        Thread app = new Thread(() -> System.exit(new Main(System.out, System.err, env).run(args.toArray(String[]::new))),
                "swapdeck-main");
        app.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SHOWN_TIMEOUT_SECONDS);
        while (!windowShowing()) {
            if (System.nanoTime() > deadline) {
                System.err.println("launch training: no window showed within " + SHOWN_TIMEOUT_SECONDS + " s");
                System.exit(1);
            }
            Thread.sleep(POLL_MILLIS);
        }
        Thread.sleep(DRAWN_MILLIS);
        try {
            new TrainingRequests(port).run();
        } catch (IOException e) {
            // the demo's ports may be taken on the building machine: an archive of the launch alone still helps
            System.err.println("launch training: the first requests failed (" + e.getMessage()
                    + "); the archive covers the launch only");
        }
        visitViews();
        Thread.sleep(DRAWN_MILLIS);
        System.exit(0);
    }

    /**
     * Shows each view once, the Activity view with the requests just sent: the views are built when
     * first shown, so without this their classes (RichTextFX's editor among them) would come from the
     * jar on a person's first click, 0.3 s for the Config view.
     */
    private static void visitViews() throws InterruptedException {
        for (String view : VIEWS) {
            Platform.runLater(() -> select(view));
            Thread.sleep(VIEW_MILLIS);
        }
    }

    private static void select(String view) {
        for (Window window : Window.getWindows()) {
            if (window.isShowing() && window.getScene() != null
                    && window.getScene().getRoot().lookup("#viewTabs") instanceof TabPane tabs) {
                tabs.getTabs().stream().filter(tab -> view.equals(tab.getText())).findFirst()
                        .ifPresent(tab -> tabs.getSelectionModel().select(tab));
            }
        }
    }

    /** Whether a window shows; false while the toolkit is not up yet. */
    private static boolean windowShowing() throws InterruptedException {
        CompletableFuture<Boolean> showing = new CompletableFuture<>();
        try {
            Platform.runLater(() -> showing.complete(Window.getWindows().stream().anyMatch(Window::isShowing)));
            return showing.get(POLL_MILLIS * 20, TimeUnit.MILLISECONDS);
        } catch (IllegalStateException | ExecutionException | TimeoutException notYet) {
            return false;
        }
    }
}
