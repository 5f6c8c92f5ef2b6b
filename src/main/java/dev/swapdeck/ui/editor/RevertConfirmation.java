package dev.swapdeck.ui.editor;

import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;

/**
 * The question Revert asks while the editor has unsaved edits (without them it has nothing to lose and
 * asks nothing). Enter and Escape keep the edits: dropping them takes a deliberate choice of
 * {@link #DISCARD}, by Tab and Space or a click.
 */
final class RevertConfirmation {
    static final ButtonType DISCARD = new ButtonType("Discard edits", ButtonBar.ButtonData.OK_DONE);

    private RevertConfirmation() {
    }

    /** The dialog about the edits to {@code fileName}, not yet shown; its result is {@link #DISCARD} to revert. */
    static Alert of(String fileName) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "Revert loads " + fileName + " as it is on disk and"
                + " discards the unsaved edits made here.", DISCARD, ButtonType.CANCEL);
        alert.setHeaderText("Discard your edits to " + fileName + "?");
        ((Button) alert.getDialogPane().lookupButton(DISCARD)).setDefaultButton(false);
        Button cancel = (Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setDefaultButton(true);
        cancel.setCancelButton(true);
        return alert;
    }
}
