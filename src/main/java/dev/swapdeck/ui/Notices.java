package dev.swapdeck.ui;

import java.time.Duration;
import java.util.List;
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
    /**
     * The most of a notice the bar shows: a failed start quotes its server's last output, which can run
     * to kilobytes and would push the views out of the window. The head says what failed, the tail what
     * to do; the model's Last error and the proxy log keep the whole text.
     */
    static final int HEAD_CHARS = 300;
    static final int TAIL_CHARS = 180;
    static final int MOST_LINES = 4;
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
        message.set(shown(text));
    }

    /** {@code text} as the bar shows it: whole when short, else its head and its tail around an ellipsis. */
    static String shown(String text) {
        List<String> lines = text.lines().toList();
        String kept = lines.size() <= MOST_LINES ? text
                : String.join("\n", lines.subList(0, MOST_LINES - 1)) + "\n…\n" + lines.get(lines.size() - 1);
        return kept.length() <= HEAD_CHARS + TAIL_CHARS + 3 ? kept
                : kept.substring(0, HEAD_CHARS) + " … " + kept.substring(kept.length() - TAIL_CHARS);
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
        if (message.get().equals(shown(text))) {
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
