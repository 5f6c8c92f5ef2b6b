package dev.swapdeck.ui;

import java.util.function.IntSupplier;
import javafx.scene.control.FocusModel;
import javafx.scene.control.ListView;

/**
 * Keeps a list's focused row for when the list has the keyboard. A list's focus model otherwise
 * keeps a row focused at all times and moves it as rows come and go: in a live list that changes
 * several times a second it restyles two rows each time for a look that only a focused list shows,
 * and JavaFX answers a restyle that changes nothing on screen by repainting the whole window
 * (measured: pulses of 50 to 100 ms under a log flood). FX thread only.
 */
public final class KeyboardFocusedRows {
    private KeyboardFocusedRows() {
    }

    /** Installs the rule on {@code list}; {@code onFocus} picks the row to focus when the list gets the keyboard. */
    public static void install(ListView<?> list, IntSupplier onFocus) {
        FocusModel<?> focus = list.getFocusModel();
        focus.focus(-1);
        focus.focusedIndexProperty().addListener((obs, was, now) -> {
            if (now.intValue() >= 0 && !list.isFocused()) {
                focus.focus(-1);
            }
        });
        list.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                focus.focus(-1);
            } else if (focus.getFocusedIndex() < 0 && !list.getItems().isEmpty()) {
                focus.focus(onFocus.getAsInt());
            }
        });
    }
}
