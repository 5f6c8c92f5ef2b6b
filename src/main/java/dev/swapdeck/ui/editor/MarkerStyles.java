package dev.swapdeck.ui.editor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * The editor's styles for a text: YAML highlighting with each placed problem's mark laid over it.
 * Costs about the text's length plus the markers' (sorted) count, whatever their number: the lines are
 * indexed once, and the marks become one set of spans, laid over the highlighting once.
 */
final class MarkerStyles {
    /** The style class of a marked error or warning in the text. */
    static final String ERROR_MARK = "config-error";
    static final String WARNING_MARK = "config-warning";
    private static final List<String> NONE = List.of();
    private static final List<String> ERROR = List.of(ERROR_MARK);
    private static final List<String> WARNING = List.of(WARNING_MARK);
    private static final List<String> BOTH = List.of(ERROR_MARK, WARNING_MARK);

    private MarkerStyles() {
    }

    static StyleSpans<Collection<String>> of(String text, List<ConfigMarker> markers) {
        StyleSpans<Collection<String>> highlighted = YamlHighlighter.highlight(text);
        List<Edge> edges = edges(TextLines.of(text), markers);
        return edges.isEmpty() ? highlighted : highlighted.overlay(marks(text.length(), edges), MarkerStyles::union);
    }

    /**
     * Where a mark begins or ends, sorted by offset; at one offset the ends come first, so marks that
     * only touch do not count as overlapping.
     */
    private record Edge(int at, boolean begins, boolean error) implements Comparable<Edge> {
        @Override
        public int compareTo(Edge other) {
            return at != other.at ? Integer.compare(at, other.at) : Boolean.compare(begins, other.begins);
        }
    }

    private static List<Edge> edges(TextLines lines, List<ConfigMarker> markers) {
        List<Edge> edges = new ArrayList<>(2 * markers.size());
        for (ConfigMarker marker : markers) {
            MarkerRange.of(lines, marker.line(), marker.column()).ifPresent(range -> {
                edges.add(new Edge(range[0], true, marker.error()));
                edges.add(new Edge(range[1], false, marker.error()));
            });
        }
        Edge[] sorted = edges.toArray(Edge[]::new);
        Arrays.sort(sorted);
        return List.of(sorted);
    }

    /** Spans over the whole text: each stretch carries the mark of every problem drawn over it. */
    private static StyleSpans<Collection<String>> marks(int length, List<Edge> edges) {
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int errors = 0;
        int warnings = 0;
        int last = 0;
        for (Edge edge : edges) {
            spans.add(styleOf(errors, warnings), edge.at() - last);
            last = edge.at();
            int step = edge.begins() ? 1 : -1;
            if (edge.error()) {
                errors += step;
            } else {
                warnings += step;
            }
        }
        spans.add(NONE, length - last);
        return spans.create();
    }

    private static List<String> styleOf(int errors, int warnings) {
        return errors > 0 ? (warnings > 0 ? BOTH : ERROR) : (warnings > 0 ? WARNING : NONE);
    }

    /** Both spans' styles, for {@link StyleSpans#overlay}. */
    private static Collection<String> union(Collection<String> highlight, Collection<String> marks) {
        if (marks.isEmpty()) {
            return highlight;
        }
        List<String> all = new ArrayList<>(highlight);
        all.addAll(marks);
        return all;
    }
}
