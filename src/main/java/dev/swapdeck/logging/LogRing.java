package dev.swapdeck.logging;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A history of log lines bounded by the size of their text ({@link LogLine#weight()}): adding past
 * the budget evicts the oldest lines. Thread-safe; appends are O(1) amortised.
 */
public final class LogRing {
    private final int budget;
    private final ArrayDeque<LogLine> lines = new ArrayDeque<>();
    private int used;
    /** The newest line, when it is a progress bar's frame (see {@link #add(LogLine, boolean)}). */
    private LogLine lastFrame;

    public LogRing(int budgetBytes) {
        this.budget = budgetBytes;
    }

    public synchronized void add(LogLine line) {
        add(line, false);
    }

    /**
     * Adds {@code line}; a {@code frame} of a progress bar takes the place of the newest line when
     * that is a frame from the same model (the bar it redraws).
     */
    public synchronized void add(LogLine line, boolean frame) {
        if (frame && lastFrame != null && Objects.equals(lastFrame.model(), line.model())) {
            used -= lines.removeLast().weight();
        }
        lastFrame = frame ? line : null;
        lines.addLast(line);
        used += line.weight();
        while (used > budget && lines.size() > 1) {
            used -= lines.removeFirst().weight();
        }
    }

    public synchronized List<LogLine> snapshot() {
        return new ArrayList<>(lines);
    }

    public synchronized void clear() {
        lines.clear();
        lastFrame = null;
        used = 0;
    }

    public synchronized int size() {
        return lines.size();
    }
}
