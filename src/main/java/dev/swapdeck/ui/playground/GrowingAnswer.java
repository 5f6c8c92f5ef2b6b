package dev.swapdeck.ui.playground;

import java.util.ArrayList;
import java.util.List;

/**
 * The playground's answer so far, grown in place (a token costs its own length, not the answer's), and
 * the views that follow it. FX thread only.
 */
final class GrowingAnswer {
    private final StringBuilder text = new StringBuilder();
    private final List<AnswerListener> listeners = new ArrayList<>();

    /** From now on {@code listener} is told each change; it is told nothing of the answer so far. */
    void follow(AnswerListener listener) {
        listeners.add(listener);
    }

    void clear() {
        text.setLength(0);
        listeners.forEach(AnswerListener::cleared);
    }

    /** Adds {@code piece}; an empty one is no change. */
    void append(String piece) {
        if (!piece.isEmpty()) {
            text.append(piece);
            listeners.forEach(listener -> listener.appended(piece));
        }
    }

    /** The whole answer, built now. */
    String text() {
        return text.toString();
    }
}
