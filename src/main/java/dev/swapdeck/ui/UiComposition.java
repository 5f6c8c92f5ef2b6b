package dev.swapdeck.ui;

import dev.swapdeck.activity.ActivityRecord;
import dev.swapdeck.engine.Engine;
import dev.swapdeck.logging.LogLine;
import dev.swapdeck.logging.LogStream;
import dev.swapdeck.ui.activity.ActivityController;
import dev.swapdeck.ui.activity.ActivityViewModel;
import dev.swapdeck.ui.editor.ConfigEditorController;
import dev.swapdeck.ui.editor.ConfigEditorViewModel;
import dev.swapdeck.ui.logs.LogPaneModel;
import dev.swapdeck.ui.logs.LogPaneView;
import dev.swapdeck.ui.main.MainController;
import dev.swapdeck.ui.main.MainViewModel;
import dev.swapdeck.ui.memory.MemoryController;
import dev.swapdeck.ui.memory.MemoryViewModel;
import dev.swapdeck.ui.models.ModelsController;
import dev.swapdeck.ui.models.ModelsViewModel;
import dev.swapdeck.ui.playground.PlaygroundController;
import dev.swapdeck.ui.playground.PlaygroundViewModel;
import dev.swapdeck.ui.profiles.ProfilesController;
import dev.swapdeck.ui.profiles.ProfilesViewModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * The window's composition root: builds every view-model, view and controller once, wires them to
 * the engine, and is the bridge's sink. Controllers come from {@link #controllerFactory}, never
 * from FXML's reflection defaults. Build and use on the FX thread.
 */
final class UiComposition implements FxEventBridge.Sink, AutoCloseable {
    private final Engine engine;
    private final ZoneId zone = ZoneId.systemDefault();
    private final ModelsViewModel models;
    private final ProfilesViewModel profiles;
    private final MainViewModel main;
    private final ConfigEditorViewModel editor;
    private final PlaygroundViewModel playground;
    private final ActivityViewModel activity;
    private final MemoryViewModel memory = new MemoryViewModel();
    private final LogPaneModel proxyLogModel;
    private final LogPaneModel upstreamLogModel;
    private final LogPaneView proxyLog;
    private final LogPaneView upstreamLog;
    private final FxEventBridge bridge;
    private final Map<Class<?>, Supplier<Object>> controllers;
    private MainController mainController;

    /**
     * @param exit run on the FX thread once the engine has shut down
     */
    UiComposition(Engine engine, UiOptions options, WindowState state, Runnable exit) {
        this.engine = engine;
        Executor fx = Platform::runLater;
        Notices notices = new Notices();
        models = new ModelsViewModel(engine, fx, notices);
        profiles = new ProfilesViewModel(engine, fx, notices);
        main = new MainViewModel(engine, fx, notices, state, options.defaultConfigPath(), exit);
        editor = new ConfigEditorViewModel(notices, main::apply, engine.configSource());
        playground = new PlaygroundViewModel(engine::clientBaseUrl, fx, engine.activity()::recent);
        bridge = new FxEventBridge(engine.events(), this);
        activity = new ActivityViewModel(ActivityViewModel.DEFAULT_ROWS, ActivityViewModel.DEFAULT_POINTS, zone);
        // after the bridge subscribed: what ended before is seeded, what overlaps is ignored by its number
        List<ActivityRecord> ended = engine.activity().recent();
        activity.accept(ended);
        proxyLogModel = new LogPaneModel(LogStream.PROXY, LogPaneModel.DEFAULT_CAPACITY, model -> List.of());
        upstreamLogModel = new LogPaneModel(LogStream.UPSTREAM, LogPaneModel.DEFAULT_CAPACITY,
                engine.logs()::modelHistory);
        proxyLogModel.seed(engine.logs().proxyHistory());
        upstreamLogModel.seed(engine.logs().upstreamHistory());
        proxyLog = new LogPaneView("Proxy log", proxyLogModel);
        upstreamLog = new LogPaneView("Upstream output", upstreamLogModel);
        controllers = Map.of(
                MainController.class, () -> mainController = new MainController(main, proxyLog, upstreamLog, state,
                        this::loadView),
                ModelsController.class, () -> new ModelsController(models, upstreamLogModel.modelProperty()::set),
                ProfilesController.class, () -> new ProfilesController(profiles),
                ConfigEditorController.class, () -> new ConfigEditorController(editor, () -> mainController.createConfig()),
                PlaygroundController.class, () -> new PlaygroundController(playground),
                ActivityController.class, () -> new ActivityController(activity, zone),
                MemoryController.class, () -> new MemoryController(memory));
        refreshState();
        models.acceptActivity(ended);
    }

    Object controllerFactory(Class<?> type) {
        Supplier<Object> supplier = controllers.get(type);
        if (supplier == null) {
            throw new IllegalArgumentException("no controller registered for " + type.getName());
        }
        return supplier.get();
    }

    Parent loadMainWindow() {
        Parent root = loadView(MainController.class.getResource("MainWindow.fxml")).getRoot();
        models.shownProperty().bind(mainController.modelsShownProperty());
        activity.shownProperty().bind(mainController.activityShownProperty());
        return root;
    }

    /** Loads one FXML view with controllers from {@link #controllerFactory}; answers the loaded loader. */
    private FXMLLoader loadView(URL fxml) {
        FXMLLoader loader = new FXMLLoader(fxml);
        loader.setControllerFactory(this::controllerFactory);
        try {
            loader.load();
            return loader;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + fxml, e);
        }
    }

    /** Starts the per-pulse drain. */
    void start() {
        bridge.start();
    }

    MainController mainController() {
        return mainController;
    }

    MainViewModel mainViewModel() {
        return main;
    }

    @Override
    public void refreshState() {
        EngineSnapshot snapshot = EngineSnapshot.of(engine);
        models.apply(snapshot);
        profiles.apply(snapshot);
        main.apply(snapshot);
        editor.follow(snapshot.config().source());
        playground.apply(snapshot);
        memory.apply(snapshot);
        List<String> ids = snapshot.config().models().keySet().stream().toList();
        proxyLogModel.setKnownModels(ids);
        upstreamLogModel.setModelChoices(ids);
        if (snapshot.shuttingDown()) {
            // a signal or POST /api/shutdown: the window follows the engine down and closes itself
            main.shutdown();
        }
    }

    @Override
    public void logs(List<LogLine> proxyLines, List<LogLine> upstreamLines, long proxyDropped, long upstreamDropped) {
        proxyLog.append(proxyLogModel.accept(proxyLines, proxyDropped));
        upstreamLog.append(upstreamLogModel.accept(upstreamLines, upstreamDropped));
        models.acceptOutput(upstreamLines);
    }

    @Override
    public void activity(List<ActivityRecord> records) {
        activity.accept(records);
        models.acceptActivity(records);
    }

    @Override
    public void close() {
        bridge.close();
        playground.stop();
    }
}
