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
    void anUpstreamLineKeepsItsTextAndLosesItsEscapes() {
        LogLine line = new LogLine(2, Instant.now(), LogStream.UPSTREAM, "qwen", LogLevel.INFO, "\u001b[32mok\u001b[0m");
        assertEquals("[qwen] ok", StyledLine.of(line, true).text());
        assertEquals("ok", StyledLine.of(line, false).text());
    }
}
