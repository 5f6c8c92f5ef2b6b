package dev.swapdeck.ui.editor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * Where a problem reported at a 1-based line and column is drawn: from that column to the end of
 * the line's text (at least one character), so the mark sits under the whole offending value,
 * {@code 5 minutes} as much as {@code soon}. Columns count characters as YAML reads them: an emoji is one
 * (two UTF-16 chars), and a byte-order mark at the start is none.
 */
final class MarkerRange {
    private static final String BOM = "\uFEFF";

    private MarkerRange() {
    }

    /** {@code [from, to)} UTF-16 offsets in {@code text}, or empty when the line does not exist or is empty. */
    static Optional<int[]> of(String text, int line, int column) {
        if (line < 1) {
            return Optional.empty();
        }
        int start = 0;
        for (int l = 1; l < line; l++) {
            int next = text.indexOf('\n', start);
            if (next < 0) {
                return Optional.empty();
            }
            start = next + 1;
        }
        int lineEnd = text.indexOf('\n', start);
        if (lineEnd < 0) {
            lineEnd = text.length();
        }
        if (lineEnd == start) {
            return Optional.empty();
        }
        int from = start + (line == 1 && text.startsWith(BOM) ? 1 : 0);
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

    /** Spans over the whole text with {@code style} on {@code [from, to)} only. */
    static StyleSpans<Collection<String>> spans(int length, int from, int to, String style) {
        StyleSpansBuilder<Collection<String>> builder = new StyleSpansBuilder<>();
        builder.add(List.of(), from);
        builder.add(List.of(style), to - from);
        builder.add(List.of(), length - to);
        return builder.create();
    }

    /** Both spans' styles, for {@link StyleSpans#overlay}. */
    static Collection<String> union(Collection<String> a, Collection<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
