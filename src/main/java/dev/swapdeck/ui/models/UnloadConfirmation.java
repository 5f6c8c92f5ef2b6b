package dev.swapdeck.ui.models;

import dev.swapdeck.ui.ReadingOrder;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;

/**
 * The question asked before unloading a model with requests in flight. It follows the model while
 * it is open (its requests end while the person reads; the controller closes it once the model
 * stops), and Enter keeps the requests: cutting them off takes a deliberate choice of "Unload anyway".
 */
final class UnloadConfirmation {
    static final ButtonType UNLOAD = new ButtonType("Unload anyway", ButtonBar.ButtonData.OK_DONE);

    private UnloadConfirmation() {
    }

    /** The dialog for {@code row}, not yet shown; its result is {@link #UNLOAD} to go ahead. */
    static Alert of(ModelRow row) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", UNLOAD, ButtonType.CANCEL);
        alert.setHeaderText("Unload " + row.id() + "?");
        alert.contentTextProperty().bind(Bindings.createStringBinding(() -> text(row), row.inFlightProperty(),
                row.badgeProperty()));
        ((Button) alert.getDialogPane().lookupButton(UNLOAD)).setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        return alert;
    }

    private static String text(ModelRow row) {
        int inFlight = row.inFlightProperty().get();
        if (inFlight == 0) {
            return ReadingOrder.embedded(row.id()) + " has no request in flight any more. Unloading stops it.";
        }
        String requests = inFlight + (inFlight == 1 ? " request" : " requests");
        if (row.queued) {
            return ReadingOrder.embedded(row.id()) + " is queued with " + requests + " waiting for it. Unloading"
                    + " cancels its start and fails " + (inFlight == 1 ? "it" : "them") + ".";
        }
        // in flight: being served, or waiting for the model's start
        return ReadingOrder.embedded(row.id()) + " has " + requests + " in flight. Unloading stops it at once and cuts "
                + (inFlight == 1 ? "it" : "them") + " off.";
    }
}
