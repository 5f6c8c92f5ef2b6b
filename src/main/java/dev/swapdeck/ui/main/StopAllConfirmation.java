package dev.swapdeck.ui.main;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableIntegerValue;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;

/**
 * The question asked before stopping every model from the window (quitting, Unload all) while
 * requests are in flight, as before one model's Unload: their clients get an error. It follows the
 * count while open, and Enter keeps the requests. A SIGTERM or {@code POST /api/shutdown} asks nothing.
 */
final class StopAllConfirmation {
    /** What stops every model, as the dialog words it. */
    enum Action {
        QUIT("Quit Swapdeck?", "Quit anyway", "Quitting"),
        UNLOAD_ALL("Unload every model?", "Unload anyway", "Unloading");

        final ButtonType button;
        private final String question;
        private final String doing;

        Action(String question, String button, String doing) {
            this.question = question;
            this.button = new ButtonType(button, ButtonBar.ButtonData.OK_DONE);
            this.doing = doing;
        }
    }

    private StopAllConfirmation() {
    }

    /** The dialog, not yet shown; its result is {@code action.button} to go ahead. */
    static Alert of(ObservableIntegerValue requestsInFlight, Action action) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", action.button, ButtonType.CANCEL);
        alert.setHeaderText(action.question);
        alert.contentTextProperty().bind(Bindings.createStringBinding(() -> text(requestsInFlight.get(), action),
                requestsInFlight));
        ((Button) alert.getDialogPane().lookupButton(action.button)).setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        return alert;
    }

    private static String text(int inFlight, Action action) {
        if (inFlight == 0) {
            return "No request is in flight any more. " + action.doing + " stops every model.";
        }
        return inFlight + (inFlight == 1 ? " request is" : " requests are") + " in flight. " + action.doing
                + " stops every model at once and cuts " + (inFlight == 1 ? "it" : "them") + " off.";
    }
}
