package dev.swapdeck.ui.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.fxmisc.richtext.model.StyleSpan;
import org.junit.jupiter.api.Test;

class YamlHighlighterTest {
    @Test
    void numbersAndBooleansAreMarkedOnlyAsWholeValues() {
        assertEquals(List.of("30"), marked("healthCheckTimeout: 30\n", YamlHighlighter.NUMBER));
        assertEquals(List.of(), marked("  cmd: llama-server -c 256 -np 1 -t 1\n", YamlHighlighter.NUMBER));
        assertEquals(List.of("1", "2", "true"), marked("ports: [1, 2]\nswap: true # one at a time\n",
                YamlHighlighter.NUMBER));
        assertEquals(List.of("false", "60"), marked("pair: {swap: false, ttl: 60}\n", YamlHighlighter.NUMBER));
        assertEquals(List.of("-5"), marked("priority:\n  - -5\n", YamlHighlighter.NUMBER));
        assertEquals(List.of("${PORT}"), marked("  cmd: server --port ${PORT} -t 1\n", YamlHighlighter.MACRO));
    }

    /** The texts that carry {@code style}, in order. */
    private static List<String> marked(String text, String style) {
        List<String> found = new ArrayList<>();
        int at = 0;
        for (StyleSpan<Collection<String>> span : YamlHighlighter.highlight(text)) {
            if (span.getStyle().contains(style)) {
                found.add(text.substring(at, at + span.getLength()));
            }
            at += span.getLength();
        }
        return found;
    }
}
