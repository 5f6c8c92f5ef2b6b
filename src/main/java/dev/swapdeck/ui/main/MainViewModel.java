package dev.swapdeck.ui.main;

import dev.swapdeck.config.ConfigLocation;
import dev.swapdeck.state.FileProblems;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.engine.ConfigRejected;
import dev.swapdeck.engine.Engine;
import dev.swapdeck.ui.EngineSnapshot;
import dev.swapdeck.ui.Notices;
import dev.swapdeck.ui.UiCommand;
import dev.swapdeck.ui.WindowState;
import java.io.IOException;
import java.nio.file.Files;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The window's frame: the app-wide commands (Unload all, Reload config, Open config, Create config
 * file, Shutdown), the demo and config-error banners, and the status bar. Rules: Unload all needs a
 * running model; Reload needs a config file (not the demo) and no reload under way; nothing is
 * enabled while shutting down. A config with errors leaves the running one in force and lists each
 * problem as {@code file:line:column: key: message} until dismissed or a config loads.
 */
public final class MainViewModel {
    /** Shutdown is bounded by the engine (SPEC §5); this only guards against a hung engine. */
    static final Duration SHUTDOWN_GUARD = Duration.ofSeconds(20);
    private static final String CONFIG_NOT_LOADED = "Config not loaded: the running configuration stays";

    private final Engine engine;
    private final Executor fx;
    private final Notices notices;
    private final WindowState state;
    private final Path defaultConfigPath;
    private final Runnable exit;
    private final ReadOnlyStringWrapper clientBaseUrl = new ReadOnlyStringWrapper(this, "clientBaseUrl", "");
    /** The longest path the status bar shows whole. */
    static final int SHOWN_PATH_CHARS = 60;
    private final ReadOnlyStringWrapper configPath = new ReadOnlyStringWrapper(this, "configPath", "");
    private final ReadOnlyIntegerWrapper runningCount = new ReadOnlyIntegerWrapper(this, "runningCount");
    private final ReadOnlyStringWrapper activity = new ReadOnlyStringWrapper(this, "activity", "");
    private final ReadOnlyIntegerWrapper requestsInFlight = new ReadOnlyIntegerWrapper(this, "requestsInFlight");
    private final ReadOnlyBooleanWrapper demo = new ReadOnlyBooleanWrapper(this, "demo");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper shuttingDown = new ReadOnlyBooleanWrapper(this, "shuttingDown");
    private final ObservableList<String> configErrors = FXCollections.observableArrayList();
    /** The file behind {@link #configErrors}, when it is one the editor can open to fix them. */
    private final ReadOnlyObjectWrapper<Optional<Path>> rejectedFile = new ReadOnlyObjectWrapper<>(this, "rejectedFile",
            Optional.empty());
    private final BooleanBinding canUnloadAll;
    private final BooleanBinding canReload;
    private CompletableFuture<Void> shutdown;
    /** The configuration in force when {@link #configErrors} were posted; another one in force ends them. */
    private SwapdeckConfig rejectedWhile;
    /** The engine's last rejection shown (or dismissed), so that the next snapshots do not bring it back. */
    private ConfigRejected shownRejection;

    /**
     * @param exit what quitting means once the engine has shut down (close the window and leave
     *             the FX toolkit in the app; a recorder in tests)
     */
    public MainViewModel(Engine engine, Executor fx, Notices notices, WindowState state, Path defaultConfigPath,
                         Runnable exit) {
        this.engine = engine;
        this.fx = fx;
        this.notices = notices;
        this.state = state;
        this.defaultConfigPath = defaultConfigPath;
        this.exit = exit;
        canUnloadAll = runningCount.greaterThan(0).and(shuttingDown.not());
        canReload = demo.not().and(busy.not()).and(shuttingDown.not());
        // why GPU memory came back at launch, until the next notice; the proxy log keeps each process
        engine.leftoversStoppedAtStart().ifPresent(stopped -> notices.post(stopped.summary()));
    }

    public void apply(EngineSnapshot snapshot) {
        clientBaseUrl.set(engine.clientBaseUrl());
        configPath.set(snapshot.config().source().map(Path::toString).orElse("built-in demo"));
        demo.set(snapshot.config().isDemo());
        runningCount.set(snapshot.runningCount());
        int requests = snapshot.requestsInFlight();
        requestsInFlight.set(requests);
        activity.set(snapshot.runningCount() + " running" + (requests == 0 ? ""
                : " · " + requests + (requests == 1 ? " request" : " requests") + " in flight"));
        shuttingDown.set(shuttingDown.get() || snapshot.shuttingDown());
        if (rejectedWhile != null && snapshot.config() != rejectedWhile) {
            dismissErrors(); // a config loaded since, whoever reloaded it: the API, SIGHUP, --watch-config
        }
        snapshot.rejection().filter(rejection -> rejection != shownRejection).ifPresent(rejection -> {
            shownRejection = rejection; // a reload the window did not ask for: the API, SIGHUP, --watch-config
            showRejection(rejection.file(), rejection.problems(), snapshot.config());
        });
    }

    public CompletableFuture<Void> unloadAll() {
        return report(engine.unloadAll(), "Unloaded every model", "Unload all failed");
    }

    /** Re-reads the config file in use; that is no choice of a file to open at the next launch. */
    public CompletableFuture<SwapdeckConfig> reload() {
        Optional<Path> source = engine.config().source();
        return source.map(file -> load(file, false)).orElseGet(() -> CompletableFuture.failedFuture(
                new IllegalStateException("the built-in demo has no file to reload")));
    }

    /**
     * Makes a file the config editor saved the configuration in force (its Save and reload). Like
     * Reload, that is no choice of a file for the next launch: only Open config is.
     */
    public CompletableFuture<SwapdeckConfig> apply(Path file) {
        return load(file, false);
    }

    /**
     * Loads another config file; on success it replaces the running one and is remembered: the next
     * launch without --config or $SWAPDECK_CONFIG opens it.
     */
    public CompletableFuture<SwapdeckConfig> open(Path file) {
        return load(file, true);
    }

    private CompletableFuture<SwapdeckConfig> load(Path file, boolean remember) {
        busy.set(true);
        CompletableFuture<SwapdeckConfig> done = new CompletableFuture<>();
        SwapdeckConfig asked = engine.config();
        engine.reload(file).whenComplete((config, error) -> fx.execute(() -> {
            busy.set(false);
            if (error == null) {
                dismissErrors();
                if (remember) {
                    state.put(WindowState.LAST_CONFIG, file.toAbsolutePath().toString());
                    state.save();
                }
                notices.postBriefly("Loaded " + file);
                done.complete(config);
            } else {
                // the configuration first: one that took effect clears the rejection before it is in force
                SwapdeckConfig inForce = engine.config();
                Optional<ConfigRejected> rejection = engine.lastRejection();
                rejection.ifPresent(shown -> shownRejection = shown);
                if (rejection.isPresent() || inForce == asked) {
                    showRejection(file, ConfigRejected.problems(file, error), inForce);
                } // else a configuration took effect since the refusal (the API, SIGHUP, --watch-config): no errors
                done.completeExceptionally(error);
            }
        }));
        return done;
    }

    /** Lists {@code file}'s problems until dismissed or another configuration than {@code inForce} takes effect. */
    private void showRejection(Path file, List<String> problems, SwapdeckConfig inForce) {
        configErrors.setAll(problems);
        rejectedWhile = inForce;
        rejectedFile.set(Files.isRegularFile(file) && Files.isReadable(file) ? Optional.of(file) : Optional.empty());
        notices.post(CONFIG_NOT_LOADED);
    }

    /**
     * Writes the commented template, naming the URL clients use to reach this Swapdeck, to the
     * default path (never overwriting an existing file) and returns it, for the editor to open. Nothing is loaded: the template's models name servers
     * this machine may not have, so the person edits it first, then saves and reloads.
     */
    public Optional<Path> createConfigFile() {
        try {
            if (!Files.exists(defaultConfigPath)) {
                ConfigLocation.writeTemplate(defaultConfigPath, engine.clientBaseUrl());
                notices.post("Created " + defaultConfigPath + ": edit it, then Save and reload");
            } else {
                notices.post(defaultConfigPath + " already exists: opened it in the editor");
            }
            return Optional.of(defaultConfigPath);
        } catch (IOException e) {
            notices.post("Could not create " + defaultConfigPath + ": " + FileProblems.why(defaultConfigPath, e));
            return Optional.empty();
        }
    }

    /** Stops every process, then runs the exit action (on the FX executor). Idempotent. */
    public CompletableFuture<Void> shutdown() {
        if (shutdown != null) {
            return shutdown;
        }
        shuttingDown.set(true);
        busy.set(true);
        notices.post("Shutting down: stopping every model…");
        CompletableFuture<Void> done = new CompletableFuture<>();
        shutdown = done;
        engine.shutdown().orTimeout(SHUTDOWN_GUARD.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ok, error) -> fx.execute(() -> {
                    exit.run();
                    done.complete(null);
                }));
        return done;
    }

    public void dismissErrors() {
        notices.withdraw(CONFIG_NOT_LOADED);
        configErrors.clear();
        rejectedFile.set(Optional.empty());
        rejectedWhile = null;
    }

    /** Where the Open dialog starts: the last config's folder, else the default config folder. */
    public Path lastConfigDirectory() {
        return state.lastConfig().map(Path::getParent)
                .orElse(defaultConfigPath.toAbsolutePath().getParent());
    }

    public Path defaultConfigPath() {
        return defaultConfigPath;
    }

    public ReadOnlyStringProperty clientBaseUrlProperty() {
        return clientBaseUrl.getReadOnlyProperty();
    }

    /** The config file in use, or {@code built-in demo}. */
    public ReadOnlyStringProperty configPathProperty() {
        return configPath.getReadOnlyProperty();
    }

    /**
     * {@code path} as the status bar shows it, whole beside any notice: the home folder as {@code ~},
     * and past {@link #SHOWN_PATH_CHARS} characters its middle left out, so the file name stays.
     */
    static String shownPath(String path, String home) {
        String shown = !home.isEmpty() && path.startsWith(home + File.separator) ? "~" + path.substring(home.length()) : path;
        if (shown.length() <= SHOWN_PATH_CHARS) {
            return shown;
        }
        int tail = SHOWN_PATH_CHARS * 2 / 3;
        return shown.substring(0, SHOWN_PATH_CHARS - tail - 1) + "…" + shown.substring(shown.length() - tail);
    }

    /** The status bar's shown path, as {@link #shownPath} makes it from {@link #configPathProperty}. */
    public ObservableStringValue shownConfigPath() {
        return Bindings.createStringBinding(() -> shownPath(configPath.get(), System.getProperty("user.home", "")),
                configPath);
    }

    /** Requests being served or waiting, all models together. */
    public ReadOnlyIntegerProperty requestsInFlightProperty() {
        return requestsInFlight.getReadOnlyProperty();
    }

    /** "2 running · 3 requests in flight": what the status bar says the engine is doing. */
    public ReadOnlyStringProperty activityProperty() {
        return activity.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty runningCountProperty() {
        return runningCount.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty demoProperty() {
        return demo.getReadOnlyProperty();
    }

    /** A reload or shutdown is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty shuttingDownProperty() {
        return shuttingDown.getReadOnlyProperty();
    }

    /** The file whose {@link #configErrors} are shown, if the editor can open it to fix them. */
    public ReadOnlyObjectProperty<Optional<Path>> rejectedFileProperty() {
        return rejectedFile.getReadOnlyProperty();
    }

    /** Problems of the last config that failed to load; empty when none is pending. */
    public ObservableList<String> configErrors() {
        return FXCollections.unmodifiableObservableList(configErrors);
    }

    public BooleanBinding canUnloadAllBinding() {
        return canUnloadAll;
    }

    public BooleanBinding canReloadBinding() {
        return canReload;
    }

    public Notices notices() {
        return notices;
    }

    private CompletableFuture<Void> report(CompletableFuture<Void> command, String success, String failure) {
        return UiCommand.report(command, fx, notices, success, failure, () -> { });
    }
}
