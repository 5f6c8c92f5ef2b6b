package dev.swapdeck.ui.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.logging.LogLine;
import dev.swapdeck.logging.LogStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StyledLineTest {

    @Test
    void aProxyLineAboutAModelNamesIt() {
        LogLine line = new LogLine(1, Instant.now(), LogStream.PROXY, "qwen", LogLevel.INFO, "starting → ready");
        assertTrue(StyledLine.of(line, false).text().endsWith("INFO  qwen: starting → ready"),
                StyledLine.of(line, false).text());
    }

    @Test
    void aLongModelIdIsShortenedInThePaneAndWholeInWhatIsCopied() {
        String id = "org.example_very-long-model-identifier_with.dots-and_underscores-v1.2.3-q4_k_m-instruct";
        StyledLine upstream = StyledLine.of(new LogLine(3, Instant.now(), LogStream.UPSTREAM, id, LogLevel.INFO, "ready"), true);
        String prefix = upstream.runs().get(0).text();
        assertEquals("[org.example_v…4_k_m-instruct] ", prefix, "both ends kept");
        assertEquals(StyledLine.MODEL_CHARS + 3, prefix.length());
        assertEquals("[" + id + "] ready", upstream.text());
        StyledLine proxy = StyledLine.of(new LogLine(4, Instant.now(), LogStream.PROXY, id, LogLevel.INFO, "ready"), false);
        assertTrue(proxy.text().endsWith(id + ": ready"), proxy.text());
        assertEquals("[tiny-a] ", StyledLine.of(new LogLine(5, Instant.now(), LogStream.UPSTREAM, "tiny-a", LogLevel.INFO,
                "x"), true).runs().get(0).text(), "a short id stays whole");
    }

    @Test
    void anUpstreamLineKeepsItsTextAndLosesItsEscapes() {
        LogLine line = new LogLine(2, Instant.now(), LogStream.UPSTREAM, "qwen", LogLevel.INFO, "\u001b[32mok\u001b[0m");
        assertEquals("[qwen] ok", StyledLine.of(line, true).text());
        assertEquals("ok", StyledLine.of(line, false).text());
    }
}
