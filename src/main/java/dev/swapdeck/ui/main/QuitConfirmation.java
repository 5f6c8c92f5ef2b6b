package dev.swapdeck.ui.main;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableIntegerValue;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;

/**
 * The question asked before quitting from the window while requests are in flight, as before an
 * Unload: quitting stops every model and the clients get an error. It follows the count while open,
 * and Enter keeps Swapdeck running. A SIGTERM or {@code POST /api/shutdown} asks nothing.
 */
final class QuitConfirmation {
    static final ButtonType QUIT = new ButtonType("Quit anyway", ButtonBar.ButtonData.OK_DONE);

    private QuitConfirmation() {
    }

    /** The dialog, not yet shown; its result is {@link #QUIT} to go ahead. */
    static Alert of(ObservableIntegerValue requestsInFlight) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", QUIT, ButtonType.CANCEL);
        alert.setHeaderText("Quit Swapdeck?");
        alert.contentTextProperty().bind(Bindings.createStringBinding(() -> text(requestsInFlight.get()),
                requestsInFlight));
        ((Button) alert.getDialogPane().lookupButton(QUIT)).setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        return alert;
    }

    private static String text(int inFlight) {
        if (inFlight == 0) {
            return "No request is in flight any more. Quitting stops every model.";
        }
        return inFlight + (inFlight == 1 ? " request is" : " requests are") + " in flight. Quitting stops every model"
                + " at once and cuts " + (inFlight == 1 ? "it" : "them") + " off.";
    }
}
