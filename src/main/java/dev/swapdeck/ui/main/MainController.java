package dev.swapdeck.ui.main;

import dev.swapdeck.ui.Theme;
import dev.swapdeck.ui.WindowState;
import dev.swapdeck.ui.editor.ConfigEditorController;
import dev.swapdeck.ui.logs.LogPaneView;
import dev.swapdeck.ui.playground.PlaygroundController;
import dev.swapdeck.ui.activity.ActivityController;
import dev.swapdeck.ui.models.ModelsController;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The window frame: binds toolbar, banners and status bar to {@link MainViewModel}, hosts the two
 * log panes, owns the theme, the split positions and the keyboard shortcuts.
 */
public final class MainController {
    private final MainViewModel viewModel;
    private final LogPaneView proxyLog;
    private final LogPaneView upstreamLog;
    private final WindowState state;
    private Theme theme;
    private Scene scene;
    private final Function<URL, FXMLLoader> viewLoader;
    private LazyView<ConfigEditorController> configView;
    private LazyView<PlaygroundController> playgroundView;
    private LazyView<ActivityController> activityView;
    @FXML private ModelsController modelsViewController;
    @FXML private TabPane viewTabs;
    @FXML private Tab modelsTab;
    @FXML private Tab configTab;
    @FXML private Tab playgroundTab;
    @FXML private Tab activityTab;
    @FXML private Button unloadAllButton;
    @FXML private Button reloadButton;
    @FXML private Button openButton;
    @FXML private Button themeButton;
    @FXML private Button shutdownButton;
    @FXML private Button createConfigButton;
    @FXML private Button editRejectedButton;
    @FXML private HBox demoBanner;
    @FXML private VBox errorBanner;
    @FXML private Label errorText;
    @FXML private SplitPane mainSplit;
    @FXML private SplitPane topSplit;
    @FXML private SplitPane logsSplit;
    @FXML private Label urlLabel;
    @FXML private Label configLabel;
    @FXML private Label runningLabel;
    @FXML private Label messageLabel;

    /**
     * @param viewLoader loads one view's FXML with the window's controller factory (the Config,
     *                   Playground and Activity views are built when first shown)
     */
    public MainController(MainViewModel viewModel, LogPaneView proxyLog, LogPaneView upstreamLog, WindowState state,
                          Function<URL, FXMLLoader> viewLoader) {
        this.viewModel = viewModel;
        this.viewLoader = viewLoader;
        this.proxyLog = proxyLog;
        this.upstreamLog = upstreamLog;
        this.state = state;
        this.theme = Theme.parse(state.get(WindowState.THEME).orElse("light"));
    }

    @FXML
    private void initialize() {
        configView = new LazyView<>(configTab, ConfigEditorController.class.getResource("ConfigEditorView.fxml"), viewLoader);
        playgroundView = new LazyView<>(playgroundTab, PlaygroundController.class.getResource("PlaygroundView.fxml"),
                viewLoader);
        activityView = new LazyView<>(activityTab, ActivityController.class.getResource("ActivityView.fxml"), viewLoader);
        logsSplit.getItems().setAll(proxyLog, upstreamLog);
        unloadAllButton.disableProperty().bind(viewModel.canUnloadAllBinding().not());
        reloadButton.disableProperty().bind(viewModel.canReloadBinding().not());
        openButton.disableProperty().bind(viewModel.busyProperty().or(viewModel.shuttingDownProperty()));
        createConfigButton.disableProperty().bind(openButton.disableProperty());
        shutdownButton.disableProperty().bind(viewModel.shuttingDownProperty());
        demoBanner.visibleProperty().bind(viewModel.demoProperty());
        demoBanner.managedProperty().bind(demoBanner.visibleProperty());
        errorBanner.visibleProperty().bind(Bindings.isNotEmpty(viewModel.configErrors()));
        errorBanner.managedProperty().bind(errorBanner.visibleProperty());
        editRejectedButton.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> viewModel.rejectedFileProperty().get().isPresent(), viewModel.rejectedFileProperty()));
        editRejectedButton.managedProperty().bind(editRejectedButton.visibleProperty());
        errorText.textProperty().bind(Bindings.createStringBinding(
                () -> String.join("\n", viewModel.configErrors()), viewModel.configErrors()));
        urlLabel.textProperty().bind(viewModel.clientBaseUrlProperty());
        configLabel.textProperty().bind(viewModel.shownConfigPath());
        Tooltip path = new Tooltip();
        path.textProperty().bind(viewModel.configPathProperty());
        configLabel.setTooltip(path);
        runningLabel.textProperty().bind(viewModel.activityProperty());
        messageLabel.textProperty().bind(viewModel.notices().messageProperty());
        Tooltip notice = new Tooltip();
        notice.textProperty().bind(messageLabel.textProperty());
        messageLabel.setTooltip(notice);
        restoreSplit(mainSplit, WindowState.MAIN_SPLIT);
        restoreSplit(topSplit, WindowState.TOP_SPLIT);
        restoreSplit(logsSplit, WindowState.LOGS_SPLIT);
    }

    /** Called once the scene exists: applies the theme and installs the shortcuts. */
    public void attach(Scene scene) {
        this.scene = scene;
        applyTheme();
        Map<String, Runnable> shortcuts = Map.ofEntries(
                Map.entry("Shortcut+1", () -> show(modelsTab)),
                Map.entry("Shortcut+2", () -> show(configTab)),
                Map.entry("Shortcut+3", () -> show(playgroundTab)),
                Map.entry("Shortcut+4", () -> show(activityTab)),
                Map.entry("Shortcut+S", () -> configView.ifBuilt(ConfigEditorController::save)),
                Map.entry("Shortcut+Shift+S", () -> configView.ifBuilt(ConfigEditorController::saveAndReload)),
                Map.entry("Shortcut+Shift+O", modelsViewController::showOutput),
                Map.entry("Shortcut+L", modelsViewController::loadSelected),
                Map.entry("Shortcut+U", modelsViewController::unloadSelected),
                Map.entry("Shortcut+Shift+U", this::unloadAll),
                Map.entry("Shortcut+R", this::reload),
                Map.entry("Shortcut+O", this::open),
                Map.entry("Shortcut+T", this::toggleTheme),
                Map.entry("Shortcut+Q", this::quit),
                Map.entry("Shortcut+F", upstreamLog::focusFilter));
        shortcuts.forEach((keys, action) -> scene.getAccelerators().put(KeyCombination.valueOf(keys), action));
    }

    /** Remembers the split positions. */
    public void saveLayout() {
        saveSplit(mainSplit, WindowState.MAIN_SPLIT);
        saveSplit(topSplit, WindowState.TOP_SPLIT);
        saveSplit(logsSplit, WindowState.LOGS_SPLIT);
        state.put(WindowState.THEME, theme.id());
    }

    /** Unload all: asks first while requests are in flight, as one model's Unload does. */
    @FXML
    private void unloadAll() {
        if (!unloadAllButton.isDisabled() && confirmed(StopAllConfirmation.Action.UNLOAD_ALL)) {
            viewModel.unloadAll();
        }
    }

    /** True when nothing is in flight, or the person chose to cut it off. */
    private boolean confirmed(StopAllConfirmation.Action action) {
        if (viewModel.requestsInFlightProperty().get() == 0) {
            return true;
        }
        Alert alert = StopAllConfirmation.of(viewModel.requestsInFlightProperty(), action);
        alert.initOwner(scene.getWindow());
        return alert.showAndWait().filter(action.button::equals).isPresent();
    }

    @FXML
    private void reload() {
        if (!reloadButton.isDisabled()) {
            // the button is disabled while the reload runs, which hands the keyboard to the next
            // button; it comes back once the button is enabled again
            boolean hadFocus = reloadButton.isFocused();
            viewModel.reload().whenComplete((config, error) -> {
                if (hadFocus && !reloadButton.isDisabled()) {
                    reloadButton.requestFocus();
                }
            });
        }
    }

    @FXML
    private void open() {
        if (openButton.isDisabled()) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open Swapdeck or llama-swap config");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("YAML", "*.yaml", "*.yml"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File start = viewModel.lastConfigDirectory().toFile();
        if (Files.isDirectory(start.toPath())) {
            chooser.setInitialDirectory(start);
        }
        File chosen = chooser.showOpenDialog(scene == null ? null : scene.getWindow());
        if (chosen != null) {
            viewModel.open(chosen.toPath());
        }
    }

    /** Writes the template if there is no config file yet and opens it in the editor; loads nothing. */
    @FXML
    public void createConfig() {
        viewModel.createConfigFile().ifPresent(file -> {
            show(configTab);
            configView.controller().open(file);
        });
    }

    /** Puts the keyboard on the model list, where a launch's first action (Load, Ctrl+L) is. */
    public void focusModels() {
        modelsViewController.focusList();
    }

    /** Whether the Models view is the one on screen. */
    public ReadOnlyBooleanProperty modelsShownProperty() {
        return modelsTab.selectedProperty();
    }

    /** Whether the Activity view is the one on screen. */
    public ReadOnlyBooleanProperty activityShownProperty() {
        return activityTab.selectedProperty();
    }

    private void show(Tab tab) {
        viewTabs.getSelectionModel().select(tab);
        // a view built just now has no skin yet and its tab shows it only from the next layout: focus needs both
        viewTabs.applyCss();
        viewTabs.layout();
        if (tab == configTab) {
            configView.controller().focusEditor();
        } else if (tab == playgroundTab) {
            playgroundView.controller().focusPrompt();
        } else if (tab == activityTab) {
            activityView.controller().focusTable();
        } else if (tab == modelsTab) {
            modelsViewController.focusList();
        }
    }

    @FXML
    private void dismissErrors() {
        viewModel.dismissErrors();
    }

    /** Opens the file that failed to load in the config editor, where its errors are marked. */
    @FXML
    private void editRejected() {
        viewModel.rejectedFileProperty().get().ifPresent(file -> {
            show(configTab);
            configView.controller().open(file);
        });
    }

    @FXML
    private void toggleTheme() {
        theme = theme.other();
        applyTheme();
    }

    /**
     * Quits from the window (Shutdown, Ctrl+Q, closing it): asks first while the config editor has
     * unsaved edits, which quitting would lose, and while requests are in flight, since their clients
     * would get an error; else shuts down at once.
     */
    @FXML
    public void quit() {
        if (viewModel.shuttingDownProperty().get()) {
            return;
        }
        if (editsSavedOrDropped() && confirmed(StopAllConfirmation.Action.QUIT)) {
            viewModel.shutdown();
        }
    }

    /**
     * True when the config editor has no unsaved edits, or the person chose to save them (and they
     * were saved) or to drop them; false keeps them and Swapdeck running, as a failed save does (the
     * status bar says why: Save and quit again overwrites a file another program changed).
     */
    private boolean editsSavedOrDropped() {
        Optional<ConfigEditorController> editor = configView.built();
        Optional<String> unsaved = editor.flatMap(ConfigEditorController::unsavedFileName);
        if (unsaved.isEmpty()) {
            return true;
        }
        Alert alert = UnsavedEditsConfirmation.of(unsaved.get());
        alert.initOwner(scene.getWindow());
        Optional<ButtonType> choice = alert.showAndWait();
        if (choice.equals(Optional.of(UnsavedEditsConfirmation.SAVE))) {
            return editor.get().save();
        }
        return choice.equals(Optional.of(UnsavedEditsConfirmation.DISCARD));
    }

    @FXML
    private void copyUrl() {
        ClipboardContent content = new ClipboardContent();
        content.putString(viewModel.clientBaseUrlProperty().get());
        Clipboard.getSystemClipboard().setContent(content);
        viewModel.notices().postBriefly("Copied " + content.getString());
    }

    private void applyTheme() {
        if (scene != null) {
            theme.applyTo(scene);
        }
        themeButton.setText(theme == Theme.LIGHT ? "Dark theme" : "Light theme");
    }

    private void restoreSplit(SplitPane split, String key) {
        state.number(key).filter(p -> p > 0.05 && p < 0.95).ifPresent(p -> split.setDividerPositions(p));
    }

    private void saveSplit(SplitPane split, String key) {
        double[] positions = split.getDividerPositions();
        if (positions.length > 0) {
            state.put(key, positions[0]);
        }
    }
}
