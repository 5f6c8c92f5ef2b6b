package dev.swapdeck.ui.profiles;

import dev.swapdeck.ui.StyleClasses;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.layout.Region;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;

/**
 * Binds the profiles table to {@link ProfilesViewModel}: name with its kind and an "active" badge,
 * what it holds, and Load (list profiles) or Use (pin profiles).
 */
public final class ProfilesController {
    private final ProfilesViewModel viewModel;
    @FXML private TableView<ProfileRow> profilesTable;
    @FXML private TableColumn<ProfileRow, ProfileRow> nameColumn;
    @FXML private TableColumn<ProfileRow, ProfileRow> actionColumn;
    @FXML private TableColumn<ProfileRow, String> membersColumn;

    public ProfilesController(ProfilesViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        profilesTable.setItems(viewModel.rows());
        nameColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        nameColumn.setCellFactory(c -> new NameCell());
        actionColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        actionColumn.setCellFactory(c -> new LoadCell());
        membersColumn.setCellValueFactory(c -> c.getValue().membersProperty());
        membersColumn.setCellFactory(c -> new MembersCell());
    }

    /** The members, one per line: a narrow column never cuts a name off, the row grows instead. */
    private static final class MembersCell extends TableCell<ProfileRow, String> {
        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            setText(empty || text == null ? null : text.replace(", ", "\n"));
        }
    }

    /** The profile's name and, when its members form the running set, an "active" badge. */
    private static final class NameCell extends TableCell<ProfileRow, ProfileRow> {
        private final Label name = new Label();
        private final Label kind = new Label();
        private final Label active = new Label("active");
        private final HBox box = new HBox(6, name, kind, active);

        NameCell() {
            active.getStyleClass().addAll(StyleClasses.BADGE, StyleClasses.ACTIVE_PROFILE);
            kind.getStyleClass().add(StyleClasses.MUTED);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(ProfileRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                active.visibleProperty().unbind();
                active.managedProperty().unbind();
                setGraphic(null);
                return;
            }
            name.setText(row.name());
            kind.setText(row.kind() == ProfileRow.Kind.SET ? "" : row.kind().label());
            active.visibleProperty().bind(row.activeProperty());
            active.managedProperty().bind(row.activeProperty());
            setGraphic(box);
        }
    }

    /**
     * Load for a list profile (id {@code load-profile-<name>}), Use for pin profiles (id
     * {@code use-pins-<name>}), nothing for the other rules.
     */
    private final class LoadCell extends TableCell<ProfileRow, ProfileRow> {
        private final Button load = new Button("Load");

        LoadCell() {
            load.getStyleClass().add(StyleClasses.SMALL);
            load.setMinWidth(Region.USE_PREF_SIZE);
            load.setOnAction(e -> {
                if (getItem().kind() == ProfileRow.Kind.PINS) {
                    viewModel.togglePins(getItem());
                } else {
                    viewModel.loadProfile(getItem());
                }
            });
        }

        @Override
        protected void updateItem(ProfileRow row, boolean empty) {
            super.updateItem(row, empty);
            load.disableProperty().unbind();
            if (empty || row == null || (row.kind() != ProfileRow.Kind.SET && row.kind() != ProfileRow.Kind.PINS)) {
                setGraphic(null);
                return;
            }
            boolean pins = row.kind() == ProfileRow.Kind.PINS;
            load.setText(pins ? "Use" : "Load");
            load.setId((pins ? "use-pins-" : "load-profile-") + row.name());
            load.disableProperty().bind(row.canLoadProperty().not());
            setGraphic(load);
        }
    }
}
