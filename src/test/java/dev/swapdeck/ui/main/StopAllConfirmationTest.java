package dev.swapdeck.ui.main;

import static dev.swapdeck.ui.FxWait.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.beans.property.SimpleIntegerProperty;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** The question before stopping every model with requests in flight: Enter keeps them, and the count stays true. */
class StopAllConfirmationTest {
    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void enterKeepsRunningAndTheCountFollowsTheRequests() {
        SimpleIntegerProperty inFlight = new SimpleIntegerProperty(3);
        Alert alert = fx(() -> StopAllConfirmation.of(inFlight, StopAllConfirmation.Action.QUIT));
        assertTrue(fx(() -> ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).isDefaultButton()),
                "Enter cancels: cutting requests off is a deliberate choice");
        assertEquals("3 requests are in flight. Quitting stops every model at once and cuts them off.",
                fx(alert::getContentText));
        fx(() -> {
            inFlight.set(0);
            return null;
        });
        assertEquals("No request is in flight any more. Quitting stops every model.", fx(alert::getContentText));
    }

    @Test
    void unloadAllAsksInItsOwnWords() {
        Alert alert = fx(() -> StopAllConfirmation.of(new SimpleIntegerProperty(1), StopAllConfirmation.Action.UNLOAD_ALL));
        assertEquals("Unload every model?", fx(alert::getHeaderText));
        assertEquals("1 request is in flight. Unloading stops every model at once and cuts it off.",
                fx(alert::getContentText));
        assertTrue(fx(() -> alert.getButtonTypes().contains(StopAllConfirmation.Action.UNLOAD_ALL.button)));
    }
}
