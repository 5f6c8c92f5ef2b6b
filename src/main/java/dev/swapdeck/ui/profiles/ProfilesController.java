package dev.swapdeck.ui.profiles;

import javafx.fxml.FXML;
import javafx.scene.control.ListView;

/**
 * Binds the profiles list to {@link ProfilesViewModel}: one {@link RuleCell} per profile or rule,
 * whose button loads a list profile or switches pins on and off.
 */
public final class ProfilesController {
    private final ProfilesViewModel viewModel;
    @FXML private ListView<ProfileRow> profilesList;

    public ProfilesController(ProfilesViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        profilesList.setItems(viewModel.rows());
        profilesList.setCellFactory(list -> new RuleCell(this::act));
    }

    private void act(ProfileRow row) {
        if (row.kind() == ProfileRow.Kind.PINS) {
            viewModel.togglePins(row);
        } else {
            viewModel.loadProfile(row);
        }
    }
}
