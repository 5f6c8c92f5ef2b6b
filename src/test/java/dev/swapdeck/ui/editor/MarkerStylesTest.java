package dev.swapdeck.ui.editor;

import static dev.swapdeck.ui.editor.MarkerStyles.ERROR_MARK;
import static dev.swapdeck.ui.editor.MarkerStyles.WARNING_MARK;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swapdeck.config.ConfigProblem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.fxmisc.richtext.model.StyleSpan;
import org.fxmisc.richtext.model.StyleSpans;
import org.junit.jupiter.api.Test;

/** Every placed problem's mark lands on its own text, whatever the others do, and the highlighting stays under it. */
class MarkerStylesTest {

    @Test
    void marksOnTheFirstAndLastLinesCoverTheirValues() {
        String text = "ttl: soon\nmodels: {}\nswap: maybe";
        List<String> marks = marks(text, List.of(warning(1, 6), error(3, 7)));
        assertEquals(List.of("soon"), stretches(text, marks, WARNING_MARK));
        assertEquals(List.of("maybe"), stretches(text, marks, ERROR_MARK));
    }

    @Test
    void aColumnPastTheLineEndMarksItsLastCharacter() {
        String text = "a: 1\nttl: soon\n";
        assertEquals(List.of("n"), stretches(text, marks(text, List.of(error(2, 40))), ERROR_MARK));
    }

    @Test
    void crlfLineBreaksAreNeverMarked() {
        String text = "a: 1\r\nttl: soon\r\n\r\nb: 2\r\n";
        List<String> marks = marks(text, List.of(error(2, 6), warning(2, 99), warning(3, 1), error(4, 4)));
        assertEquals(List.of("soon", "2"), stretches(text, marks, ERROR_MARK));
        assertEquals(List.of("n"), stretches(text, marks, WARNING_MARK), "the empty line 3 has nothing to mark");
    }

    @Test
    void overlappingMarksEachKeepTheirStretchAndAreNotRepeated() {
        String text = "cmd: server --port 8080 -t 1\n";
        List<String> marks = marks(text, List.of(warning(1, 6), error(1, 13), warning(1, 20), error(1, 13)));
        assertEquals(List.of("server --port 8080 -t 1"), stretches(text, marks, WARNING_MARK));
        assertEquals(List.of("--port 8080 -t 1"), stretches(text, marks, ERROR_MARK));
        for (StyleSpan<Collection<String>> span : MarkerStyles.of(text, List.of(warning(1, 6), warning(1, 6)))) {
            assertEquals(span.getStyle().size(), span.getStyle().stream().distinct().count(), "each class once: " + span);
        }
    }

    @Test
    void theHighlightingStaysUnderTheMarks() {
        String text = "models:\n  x:\n    ttl: soon # later\n";
        StyleSpans<Collection<String>> spans = MarkerStyles.of(text, List.of(error(2, 3)));
        List<Collection<String>> perChar = perChar(spans);
        assertEquals(List.of(YamlHighlighter.KEY, ERROR_MARK), List.copyOf(perChar.get(text.indexOf("x:"))));
        assertEquals(List.of(YamlHighlighter.COMMENT), List.copyOf(perChar.get(text.indexOf("# later"))));
    }

    @Test
    void problemsPlacedNowhereLeaveTheTextAsHighlighted() {
        String text = "a: 1\n";
        List<ConfigMarker> nowhere = List.of(error(0, 0), error(7, 1),
                new ConfigMarker(new ConfigProblem("other.yaml", 1, 1, "k", "m"), true, false));
        assertEquals(perChar(YamlHighlighter.highlight(text)), perChar(MarkerStyles.of(text, nowhere)));
        assertEquals(0, MarkerStyles.of("", List.of(error(1, 1))).length(), "an empty document has no marks");
    }

    private static ConfigMarker error(int line, int column) {
        return new ConfigMarker(new ConfigProblem("c.yaml", line, column, "k", "bad"), true);
    }

    private static ConfigMarker warning(int line, int column) {
        return new ConfigMarker(new ConfigProblem("c.yaml", line, column, "k", "odd"), false);
    }

    /** Each character's mark classes, as a space-joined string: "", "config-error", ... */
    private static List<String> marks(String text, List<ConfigMarker> markers) {
        StyleSpans<Collection<String>> spans = MarkerStyles.of(text, markers);
        assertEquals(text.length(), spans.length());
        return perChar(spans).stream().map(styles -> String.join(" ", styles.stream()
                .filter(s -> s.equals(ERROR_MARK) || s.equals(WARNING_MARK)).sorted().toList())).toList();
    }

    /** The texts of the longest runs of characters whose marks include {@code mark}, in order. */
    private static List<String> stretches(String text, List<String> marks, String mark) {
        List<String> found = new ArrayList<>();
        int from = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean marked = i < text.length() && List.of(marks.get(i).split(" ")).contains(mark);
            if (marked && from < 0) {
                from = i;
            } else if (!marked && from >= 0) {
                found.add(text.substring(from, i));
                from = -1;
            }
        }
        return found;
    }

    private static List<Collection<String>> perChar(StyleSpans<Collection<String>> spans) {
        List<Collection<String>> chars = new ArrayList<>();
        for (StyleSpan<Collection<String>> span : spans) {
            for (int i = 0; i < span.getLength(); i++) {
                chars.add(span.getStyle());
            }
        }
        return chars;
    }
}
