package dev.swapdeck.ui.playground;

/**
 * What a view of the playground's answer is told, on the FX thread: the answer is cleared when a
 * prompt is sent, then grows by pieces (the tokens that arrived between two FX turns). The answer is
 * not published as a string property, since a property whose value is the whole answer is rebuilt and
 * shown anew for each piece: the cost per token grew with the answer's length.
 */
public interface AnswerListener {
    void cleared();

    /** {@code piece} follows what the answer held; never empty. */
    void appended(String piece);
}
