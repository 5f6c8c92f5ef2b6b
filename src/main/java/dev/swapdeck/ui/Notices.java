package dev.swapdeck.ui;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The one line of feedback the status bar shows: the outcome of the last command that did not show
 * itself elsewhere (a failed load, a reload that took effect). FX thread.
 */
public final class Notices {
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    public void post(String text) {
        message.set(text);
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The message of a failed future, without the wrapper exceptions' class names. */
    public static String describe(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String text = cause.getMessage();
        return text == null || text.isBlank() ? cause.getClass().getSimpleName() : text;
    }
}
