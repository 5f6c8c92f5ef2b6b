package dev.swapdeck.ui.editor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swapdeck.config.ConfigException;
import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.config.ConfigProblem;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A problem's line and column, as the loader reports them, land on the text they name. */
class MarkerRangeTest {

    @Test
    void aColumnAfterAnEmojiCountsItOnce() {
        String text = "models:\n  a: {name: \"\uD83D\uDE00\uD83D\uDE00\", ttl: soon, cmd: \"s --port ${PORT}\"}\n";
        int[] range = MarkerRange.of(text, 2, problemColumn(text, "ttl")).orElseThrow();
        assertEquals("soon,", text.substring(range[0], range[0] + 5));
    }

    @Test
    void aByteOrderMarkTakesNoColumn() {
        String text = "\uFEFFttl: soon\nmodels: {}\n";
        int[] range = MarkerRange.of(text, 1, 6).orElseThrow();
        assertEquals("soon", text.substring(range[0], range[1]));
    }

    @Test
    void plainTextIsMarkedFromTheColumnToTheLineEnd() {
        assertArrayEquals(new int[] {6, 14}, MarkerRange.of("a: 1\nttl: soon  \n", 2, 2).orElseThrow());
        assertEquals(Optional.empty(), MarkerRange.of("a: 1\n\n", 2, 1));
    }

    @Test
    void aCrlfLineBreakIsNotPartOfTheLine() {
        String text = "a: 1\r\nttl: soon\r\n\r\nb: 2";
        assertEquals("soon", mark(text, 2, 6));
        assertEquals("n", mark(text, 2, 40), "a column past the end marks the last character, not the \\r");
        assertEquals(Optional.empty(), MarkerRange.of(text, 3, 1), "a line with only its break is empty");
        assertEquals("2", mark(text, 4, 4));
    }

    @Test
    void linesThatDoNotExistAreNotPlaced() {
        assertEquals(Optional.empty(), MarkerRange.of("", 1, 1));
        assertEquals(Optional.empty(), MarkerRange.of("a: 1\n", 3, 1));
        assertEquals(Optional.empty(), MarkerRange.of("a: 1\n", 0, 1));
        assertEquals("a: 1", mark("a: 1", 1, 1), "the last line needs no line break");
    }

    private static String mark(String text, int line, int column) {
        int[] range = MarkerRange.of(text, line, column).orElseThrow();
        return text.substring(range[0], range[1]);
    }

    /** The column the loader gives the first problem whose key names {@code word}. */
    private static int problemColumn(String yaml, String word) {
        try {
            ConfigLoader.parse(yaml, "test.yaml", Optional.empty());
        } catch (ConfigException e) {
            return e.problems().stream().filter(p -> p.key().contains(word)).findFirst().map(ConfigProblem::column)
                    .orElseThrow(() -> new AssertionError(e.problems().toString()));
        }
        throw new AssertionError("no problem reported");
    }
}
