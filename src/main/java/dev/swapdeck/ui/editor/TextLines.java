package dev.swapdeck.ui.editor;

import java.util.Arrays;

/**
 * Where each line of a text starts and where its content ends, found in one pass so that many
 * problems can be placed without rescanning the text from its start for each of them. A line ends at
 * {@code \n}, and a {@code \r} just before it belongs to the line break, not to the content.
 */
final class TextLines {
    private final String text;
    /** Offsets of the lines' starts, 1-based line n at index n - 1; one more entry past the last line. */
    private final int[] starts;
    private final int count;

    private TextLines(String text, int[] starts, int count) {
        this.text = text;
        this.starts = starts;
        this.count = count;
    }

    static TextLines of(String text) {
        int[] starts = new int[Math.max(16, text.length() / 32)];
        int count = 1;
        for (int at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            starts[count++] = at + 1;
        }
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count + 1);
        }
        starts[count] = text.length() + 1;
        return new TextLines(text, starts, count);
    }

    String text() {
        return text;
    }

    /** How many lines there are: one more than the line breaks, so an empty text has one, empty. */
    int count() {
        return count;
    }

    /** The offset where 1-based {@code line} starts; {@code line} must be in {@code [1, count()]}. */
    int start(int line) {
        return starts[line - 1];
    }

    /** The offset just past {@code line}'s content, before its {@code \n} or {@code \r\n}. */
    int contentEnd(int line) {
        int end = starts[line] - 1;
        return end > starts[line - 1] && text.charAt(end - 1) == '\r' && end < text.length() ? end - 1 : end;
    }
}
