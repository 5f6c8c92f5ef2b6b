package dev.swapdeck.ui.main;

import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;

/**
 * The question asked before quitting from the window (Shutdown, Ctrl+Q, closing it) while the config
 * editor has unsaved edits, as Open config refuses to drop them. Enter and Escape keep the edits and
 * Swapdeck running. A SIGTERM or {@code POST /api/shutdown} cannot ask, and does not.
 */
final class UnsavedEditsConfirmation {
    static final ButtonType SAVE = new ButtonType("Save and quit", ButtonBar.ButtonData.YES);
    static final ButtonType DISCARD = new ButtonType("Quit without saving", ButtonBar.ButtonData.NO);

    private UnsavedEditsConfirmation() {
    }

    /** The dialog about the edits to {@code fileName}, not yet shown; its result is SAVE, DISCARD or CANCEL. */
    static Alert of(String fileName) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "The config editor has unsaved edits to " + fileName
                + ". Quitting without saving loses them.", SAVE, DISCARD, ButtonType.CANCEL);
        alert.setHeaderText("Save your config edits?");
        // YES would take Enter and NO would take Escape: both are to keep the edits
        ((Button) alert.getDialogPane().lookupButton(SAVE)).setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(DISCARD)).setCancelButton(false);
        Button cancel = (Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setDefaultButton(true);
        cancel.setCancelButton(true);
        return alert;
    }
}
