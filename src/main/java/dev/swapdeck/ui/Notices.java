package dev.swapdeck.ui;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The one line of feedback the status bar shows: the outcome of the last command that did not show
 * itself elsewhere (a failed load, a reload that took effect). A failure or an instruction stays
 * until the next notice; a success ("Loaded m") is shown {@link #BRIEF} and then cleared, so it never
 * outlives what it reported (the model swapped out since). FX thread.
 */
public final class Notices {
    static final Duration BRIEF = Duration.ofSeconds(10);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final Duration brief;
    /** Counts notices, so a success's clearing never clears a notice posted after it. */
    private long posted;

    public Notices() {
        this(BRIEF);
    }

    /** With successes shown for {@code brief} (tests). */
    Notices(Duration brief) {
        this.brief = brief;
    }

    /** Shows {@code text} until the next notice. */
    public void post(String text) {
        posted++;
        message.set(text);
    }

    /** Shows a success for {@link #BRIEF}, then clears it unless another notice replaced it since. */
    public void postBriefly(String text) {
        post(text);
        long mine = posted;
        CompletableFuture.runAsync(() -> {
            try {
                Platform.runLater(() -> {
                    if (posted == mine) {
                        post("");
                    }
                });
            } catch (IllegalStateException e) {
                // no FX toolkit runs (a view model alone in a test): the notice stays
            }
        }, CompletableFuture.delayedExecutor(brief.toMillis(), TimeUnit.MILLISECONDS, Runnable::run));
    }

    /** Clears the notice if it is still {@code text} (what it said has been dealt with). */
    public void withdraw(String text) {
        if (message.get().equals(text)) {
            post("");
        }
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
