package dev.swapdeck.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.event.EventBus;
import org.junit.jupiter.api.Test;

class OneLineTest {

    @Test
    void controlCharactersBecomeVisibleEscapes() {
        assertEquals("a\\nb\\r\\tc\\x1b[2K\\x00\\x7f\\x85\\u2028", OneLine.escape("a\nb\r\tc\u001b[2K\u0000\u007f\u0085\u2028"));
    }

    /** "Trojan Source": an override in a client's model name would show the rest of the line reversed. */
    @Test
    void bidirectionalControlsBecomeVisibleEscapes() {
        assertEquals("ab\\u202ecd\\u2066x\\u200fy\\u061c", OneLine.escape("ab\u202ecd\u2066x\u200fy\u061c"));
        String hebrew = "מודל-עברי";
        assertSame(hebrew, OneLine.escape(hebrew), "right-to-left letters themselves are text");
    }

    @Test
    void ordinaryTextIsReturnedAsIs() {
        String text = "spawned pid 42: llama-server -m ünïcødé.gguf";
        assertSame(text, OneLine.escape(text));
    }

    @Test
    void aLoggedMessageIsOneLine() {
        LogHub hub = new LogHub(new EventBus());
        hub.warn("model x\n12:00:00.000 [INFO] forged");
        assertEquals("model x\\n12:00:00.000 [INFO] forged", hub.proxyHistory().get(0).text());
    }

    /** Events name the model by its id; only the line's text escapes it. */
    @Test
    void aLineKeepsItsModelIdAndItsTextEscapesIt() {
        LogHub hub = new LogHub(new EventBus());
        hub.log(LogLevel.INFO, "line\nbreak", "started");
        LogLine line = hub.proxyHistory().get(0);
        assertEquals("line\nbreak", line.model());
        assertTrue(line.render().endsWith(" [INFO] line\\nbreak: started"), line.render());
    }

    @Test
    void aLongNameIsClippedOutsideASurrogatePair() {
        assertEquals("abc", OneLine.clip("abc", 3));
        assertEquals("ab…", OneLine.clip("abcd", 2));
        assertEquals("a…", OneLine.clip("a\uD83D\uDE00b", 2));
    }
}
