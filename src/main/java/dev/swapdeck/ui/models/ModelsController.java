package dev.swapdeck.ui.models;

import dev.swapdeck.process.ProcessState;
import dev.swapdeck.ui.FollowEnd;
import dev.swapdeck.ui.SelectionByKey;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * The models view, master and detail: the list of models, and every fact about the selected one
 * with its Load and Unload commands. Asks before cutting requests in flight.
 */
public final class ModelsController {
    private static final String PICK = "Select a model to see its details";
    private static final String OWN_OUTPUT = "Filter the upstream pane to this model's output (Ctrl+Shift+O)";
    private static final String REMOTE_OUTPUT = "A peer serves this model: its output is on the peer's machine, "
            + "not in this window";
    private final ModelsViewModel viewModel;
    private final Consumer<String> showOutputOf;
    private final DetailFacts facts = new DetailFacts();
    /** Restyles the detail badge as the shown row's state changes; on one row at a time, {@link #badgeShown}. */
    private final ChangeListener<StateBadge> badgeStyler = (obs, was, now) -> restyleBadge(now);
    private ModelRow badgeShown;
    @FXML private ListView<ModelRow> modelsList;
    @FXML private Label detailPlaceholder;
    @FXML private ScrollPane detailScroll;
    @FXML private VBox detailBody;
    @FXML private Label detailName;
    @FXML private Label detailId;
    @FXML private Label detailBadge;
    @FXML private ProgressBar detailProgress;
    @FXML private Label detailStateText;
    @FXML private Label detailDescription;
    @FXML private VBox errorBox;
    @FXML private TextArea detailError;
    @FXML private GridPane factsGrid;
    @FXML private TextArea detailOutput;
    @FXML private Button loadButton;
    @FXML private Button unloadButton;
    @FXML private Button outputButton;

    /**
     * @param showOutputOf filters the upstream log pane to one model's output
     */
    public ModelsController(ModelsViewModel viewModel, Consumer<String> showOutputOf) {
        this.viewModel = viewModel;
        this.showOutputOf = showOutputOf;
    }

    @FXML
    private void initialize() {
        modelsList.setCellFactory(list -> new ModelListCell());
        facts.install(factsGrid);
        detailBody.visibleProperty().bind(modelsList.getSelectionModel().selectedItemProperty().isNotNull());
        detailBody.managedProperty().bind(detailBody.visibleProperty());
        detailPlaceholder.visibleProperty().bind(detailBody.visibleProperty().not());
        detailPlaceholder.managedProperty().bind(detailPlaceholder.visibleProperty());
        modelsList.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> show(now));
        detailOutput.textProperty().bind(viewModel.selectedOutputProperty());
        FollowEnd.install(detailOutput);
        // a reload that drops the selected model leaves nothing selected and says so: Ctrl+L must not load a neighbour
        SelectionByKey.install(modelsList, viewModel.rows(), ModelRow::id, gone -> detailPlaceholder.setText(
                gone.id() + " is no longer in the configuration. " + PICK), true);
    }

    /** Loads the selected model (button and keyboard shortcut). */
    @FXML
    public void loadSelected() {
        viewModel.catchUpRows();
        selected().filter(row -> row.canLoadProperty().get()).ifPresent(viewModel::load);
    }

    /** Unloads the selected model (button and keyboard shortcut), asking first if requests are in flight. */
    @FXML
    public void unloadSelected() {
        viewModel.catchUpRows();
        selected().filter(row -> row.canUnloadProperty().get()).ifPresent(this::unload);
    }

    /** Filters the upstream pane to the selected model's output; a peer's model prints nothing here. */
    @FXML
    public void showOutput() {
        selected().filter(row -> !isRemote(row)).ifPresent(row -> showOutputOf.accept(row.id()));
    }

    private static boolean isRemote(ModelRow row) {
        return row.badgeProperty().get().remote();
    }

    /** Moves keyboard focus to the list. */
    public void focusList() {
        modelsList.requestFocus();
    }

    private Optional<ModelRow> selected() {
        return Optional.ofNullable(modelsList.getSelectionModel().getSelectedItem());
    }

    private void show(ModelRow row) {
        viewModel.select(row);
        detailPlaceholder.setText(PICK);
        if (row == null) {
            styleBadgeOf(null);
            return;
        }
        // another model's detail starts at its top: its name and Load/Unload, not where the last one was left
        detailScroll.setVvalue(0);
        detailName.textProperty().bind(row.displayNameProperty());
        detailId.setText(row.id());
        detailId.visibleProperty().bind(row.displayNameProperty().isNotEqualTo(row.id()));
        detailId.managedProperty().bind(detailId.visibleProperty());
        bindBadge(row);
        detailStateText.textProperty().bind(row.stateTextProperty());
        detailDescription.textProperty().bind(row.descriptionProperty());
        showWhenText(detailDescription, row.descriptionProperty());
        detailError.textProperty().bind(row.lastErrorProperty());
        showWhenText(errorBox, row.lastErrorProperty());
        facts.show(row);
        loadButton.disableProperty().bind(row.canLoadProperty().not());
        unloadButton.disableProperty().bind(row.canUnloadProperty().not());
        BooleanBinding remote = Bindings.createBooleanBinding(() -> isRemote(row), row.badgeProperty());
        outputButton.disableProperty().bind(remote);
        outputButton.getTooltip().textProperty().bind(Bindings.when(remote).then(REMOTE_OUTPUT).otherwise(OWN_OUTPUT));
        outputButton.accessibleHelpProperty().bind(outputButton.getTooltip().textProperty());
    }

    private void bindBadge(ModelRow row) {
        detailBadge.textProperty().bind(Bindings.createStringBinding(() -> row.badgeProperty().get().text(),
                row.badgeProperty()));
        detailProgress.progressProperty().bind(Bindings.createDoubleBinding(
                () -> row.badgeProperty().get().progress(), row.badgeProperty()));
        detailProgress.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> row.badgeProperty().get().state() == ProcessState.STARTING, row.badgeProperty()));
        detailProgress.managedProperty().bind(detailProgress.visibleProperty());
        restyleBadge(row.badgeProperty().get());
        styleBadgeOf(row);
    }

    /** Moves {@link #badgeStyler} to {@code row}'s badge (null: none, nothing shown). */
    private void styleBadgeOf(ModelRow row) {
        if (badgeShown != null) {
            badgeShown.badgeProperty().removeListener(badgeStyler);
        }
        badgeShown = row;
        if (row != null) {
            row.badgeProperty().addListener(badgeStyler);
        }
    }

    private void restyleBadge(StateBadge badge) {
        detailBadge.getStyleClass().removeIf(c -> c.startsWith("state-"));
        detailBadge.getStyleClass().add(badge.styleClass());
    }

    private static void showWhenText(Node node, ObservableValue<String> text) {
        node.visibleProperty().bind(Bindings.createBooleanBinding(() -> !text.getValue().isEmpty(), text));
        node.managedProperty().bind(node.visibleProperty());
    }

    private void unload(ModelRow row) {
        if (viewModel.unloadNeedsConfirmation(row) && !confirmUnload(row)) {
            return;
        }
        viewModel.unload(row);
    }

    /**
     * Asks; the question goes away by itself once the model can no longer be unloaded, or once its process
     * moved on (it stopped meanwhile, by the API or a reload, while the requests it cut still end; a
     * queued one began its start): what it asked about is no longer so.
     */
    private boolean confirmUnload(ModelRow row) {
        Alert alert = UnloadConfirmation.of(row);
        alert.initOwner(modelsList.getScene().getWindow());
        ChangeListener<Boolean> stopped = (obs, was, can) -> {
            if (!can) {
                alert.setResult(ButtonType.CANCEL);
            }
        };
        ProcessState asked = row.badgeProperty().get().state();
        ChangeListener<StateBadge> movedOn = (obs, was, now) -> {
            if (now.state() != asked) {
                alert.setResult(ButtonType.CANCEL);
            }
        };
        viewModel.asking(true);
        row.canUnloadProperty().addListener(stopped);
        row.badgeProperty().addListener(movedOn);
        try {
            return alert.showAndWait().filter(UnloadConfirmation.UNLOAD::equals).isPresent();
        } finally {
            row.canUnloadProperty().removeListener(stopped);
            row.badgeProperty().removeListener(movedOn);
            viewModel.asking(false);
        }
    }
}
