package dev.swapdeck.logging;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A history of log lines bounded by the size of their text ({@link LogLine#weight()}): adding past
 * the budget evicts the oldest lines. Thread-safe; appends are O(1) amortised.
 */
public final class LogRing {
    private final int budget;
    private final ArrayDeque<LogLine> lines = new ArrayDeque<>();
    private int used;

    public LogRing(int budgetBytes) {
        this.budget = budgetBytes;
    }

    public synchronized void add(LogLine line) {
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
        used = 0;
    }

    public synchronized int size() {
        return lines.size();
    }
}
