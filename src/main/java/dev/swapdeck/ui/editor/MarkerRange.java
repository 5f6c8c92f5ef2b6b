package dev.swapdeck.ui.editor;

import java.util.Optional;

/**
 * Where a problem reported at a 1-based line and column is drawn: from that column to the end of
 * the line's text (at least one character), so the mark sits under the whole offending value,
 * {@code 5 minutes} as much as {@code soon}. Columns count characters as YAML reads them: an emoji is one
 * (two UTF-16 chars), and a byte-order mark at the start is none. A column past the line's end marks
 * its last character.
 */
final class MarkerRange {
    private static final char BOM = '\uFEFF';

    private MarkerRange() {
    }

    /** {@code [from, to)} UTF-16 offsets in {@code text}, or empty when the line does not exist or is empty. */
    static Optional<int[]> of(String text, int line, int column) {
        return of(TextLines.of(text), line, column);
    }

    /**
     * As {@link #of(String, int, int)}, in the text that {@code lines} index: costs the column's
     * length, not the text's, so placing every problem of a file is one pass over it.
     */
    static Optional<int[]> of(TextLines lines, int line, int column) {
        if (line < 1 || line > lines.count()) {
            return Optional.empty();
        }
        String text = lines.text();
        int start = lines.start(line);
        int lineEnd = lines.contentEnd(line);
        if (lineEnd == start) {
            return Optional.empty();
        }
        int from = start + (line == 1 && text.charAt(0) == BOM ? 1 : 0);
        for (int c = 1; c < column && from < lineEnd - 1; c++) {
            from += Character.charCount(text.codePointAt(from));
        }
        from = Math.min(from, lineEnd - 1);
        int to = lineEnd;
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        return Optional.of(new int[] {from, Math.max(to, from + 1)});
    }
}
