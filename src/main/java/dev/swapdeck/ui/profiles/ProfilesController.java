package dev.swapdeck.ui.profiles;

import dev.swapdeck.ui.SelectionByKey;
import javafx.fxml.FXML;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * Binds the profiles list to {@link ProfilesViewModel}: one {@link RuleCell} per profile or rule,
 * whose button loads a list profile or switches pins on and off; Enter does the same for the
 * selected row.
 */
public final class ProfilesController {
    private final ProfilesViewModel viewModel;
    @FXML private ListView<ProfileRow> profilesList;

    public ProfilesController(ProfilesViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        // a reload that adds or drops a profile must not hand the selection, and Enter, to another one
        SelectionByKey.install(profilesList, viewModel.rows(), ProfileRow::key, viewModel::gone, false);
        profilesList.setCellFactory(list -> new RuleCell(this::act));
        // the buttons sit in list rows, which Tab passes over: Enter acts on the selected row
        profilesList.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            ProfileRow row = profilesList.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && row != null && row.hasAction() && row.canLoadProperty().get()) {
                act(row);
                e.consume();
            }
        });
    }

    private void act(ProfileRow row) {
        if (row.kind() == ProfileRow.Kind.PINS) {
            viewModel.togglePins(row);
        } else {
            viewModel.loadProfile(row);
        }
    }
}
