package dev.swapdeck.ui.models;

import static dev.swapdeck.ui.FxWait.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.process.ProcessState;
import dev.swapdeck.ui.ReadingOrder;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** The question before unloading a model that serves requests: Enter keeps them, and it stays true while open. */
class UnloadConfirmationTest {
    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void enterKeepsTheRequestsAndTheCountFollowsTheModel() {
        ModelRow row = new ModelRow("tiny-a");
        fx(() -> {
            row.inFlight.set(2);
            return null;
        });
        Alert alert = fx(() -> UnloadConfirmation.of(row));
        assertTrue(fx(() -> ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).isDefaultButton()),
                "Enter cancels: cutting requests off is a deliberate choice");
        assertFalse(fx(() -> ((Button) alert.getDialogPane().lookupButton(UnloadConfirmation.UNLOAD)).isDefaultButton()));
        assertEquals(ReadingOrder.embedded("tiny-a") + " has 2 requests in flight. Unloading stops it at once and cuts them off.",
                fx(alert::getContentText));

        fx(() -> {
            row.inFlight.set(0);
            return null;
        });
        assertEquals(ReadingOrder.embedded("tiny-a") + " has no request in flight any more. Unloading stops it.",
                fx(alert::getContentText));
    }

    @Test
    void aQueuedModelIsNotStoppedButItsStartCancelled() {
        ModelRow row = new ModelRow("tiny-b");
        Alert alert = fx(() -> {
            row.inFlight.set(1);
            row.queued = true;
            row.badge.set(new StateBadge(ProcessState.STOPPED, false, "queued", "", -1, false));
            return UnloadConfirmation.of(row);
        });
        assertEquals(ReadingOrder.embedded("tiny-b") + " is queued with 1 request waiting for it. Unloading cancels its"
                + " start and fails it.", fx(alert::getContentText));
    }
}
