package dev.swapdeck.ui.models;

import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Binds the models table to {@link ModelsViewModel} and asks before cutting requests in flight. */
public final class ModelsController {
    private final ModelsViewModel viewModel;
    @FXML private TableView<ModelRow> table;
    @FXML private TableColumn<ModelRow, String> nameColumn;
    @FXML private TableColumn<ModelRow, StateBadge> stateColumn;
    @FXML private TableColumn<ModelRow, ModelRow> actionsColumn;
    @FXML private TableColumn<ModelRow, String> aliasesColumn;
    @FXML private TableColumn<ModelRow, String> profilesColumn;
    @FXML private TableColumn<ModelRow, String> portColumn;
    @FXML private TableColumn<ModelRow, String> pidColumn;
    @FXML private TableColumn<ModelRow, String> uptimeColumn;
    @FXML private TableColumn<ModelRow, Number> inFlightColumn;
    @FXML private TableColumn<ModelRow, String> ttlColumn;
    @FXML private TableColumn<ModelRow, String> errorColumn;

    public ModelsController(ModelsViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        table.setItems(viewModel.rows());
        nameColumn.setCellValueFactory(c -> c.getValue().displayNameProperty());
        nameColumn.setCellFactory(c -> new NameCell());
        stateColumn.setCellValueFactory(c -> c.getValue().badgeProperty());
        stateColumn.setCellFactory(c -> new StateBadgeCell());
        actionsColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        actionsColumn.setCellFactory(c -> new ModelActionsCell(viewModel::load, this::unload));
        aliasesColumn.setCellValueFactory(c -> c.getValue().aliasesProperty());
        profilesColumn.setCellValueFactory(c -> c.getValue().profilesProperty());
        portColumn.setCellValueFactory(c -> c.getValue().portProperty());
        pidColumn.setCellValueFactory(c -> c.getValue().pidProperty());
        uptimeColumn.setCellValueFactory(c -> c.getValue().uptimeProperty());
        inFlightColumn.setCellValueFactory(c -> c.getValue().inFlightProperty());
        ttlColumn.setCellValueFactory(c -> c.getValue().ttlProperty());
        errorColumn.setCellValueFactory(c -> c.getValue().lastErrorProperty());
        errorColumn.setCellFactory(c -> new ErrorCell());
    }

    /** Loads the selected model (keyboard shortcut). */
    public void loadSelected() {
        selected().filter(row -> row.canLoadProperty().get()).ifPresent(viewModel::load);
    }

    /** Unloads the selected model (keyboard shortcut), asking first if requests are in flight. */
    public void unloadSelected() {
        selected().filter(row -> row.canUnloadProperty().get()).ifPresent(this::unload);
    }

    private Optional<ModelRow> selected() {
        return Optional.ofNullable(table.getSelectionModel().getSelectedItem());
    }

    private void unload(ModelRow row) {
        if (viewModel.unloadNeedsConfirmation(row) && !confirmUnload(row)) {
            return;
        }
        viewModel.unload(row);
    }

    private boolean confirmUnload(ModelRow row) {
        int inFlight = row.inFlightProperty().get();
        ButtonType unload = new ButtonType("Unload anyway", ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION,
                row.id() + " is serving " + inFlight + (inFlight == 1 ? " request" : " requests")
                        + ". Unloading stops it at once and cuts " + (inFlight == 1 ? "it" : "them") + " off.",
                unload, ButtonType.CANCEL);
        alert.setHeaderText("Unload " + row.id() + "?");
        alert.initOwner(table.getScene().getWindow());
        return alert.showAndWait().filter(unload::equals).isPresent();
    }
}
