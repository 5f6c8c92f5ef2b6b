package dev.swapdeck.ui.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.logging.LogLine;
import dev.swapdeck.logging.LogStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StyledLineTest {
    private final ModelPrefixes prefixes = new ModelPrefixes();

    @Test
    void aProxyLineAboutAModelNamesIt() {
        LogLine line = new LogLine(1, Instant.now(), LogStream.PROXY, "qwen", LogLevel.INFO, "starting → ready");
        String text = StyledLine.of(line, false, prefixes).text();
        assertTrue(text.endsWith("INFO  qwen: starting → ready"), text);
    }

    @Test
    void aLongModelIdIsShortenedInThePaneAndWholeInWhatIsCopied() {
        String id = "org.example_very-long-model-identifier_with.dots-and_underscores-v1.2.3-q4_k_m-instruct";
        StyledLine upstream = StyledLine.of(upstream(3, id), true, prefixes);
        String prefix = upstream.runs().get(0).text();
        assertEquals("[org.example_v…4_k_m-instruct] ", prefix, "both ends kept");
        assertEquals(ModelPrefixes.MODEL_CHARS + 3, prefix.length());
        assertEquals("[" + id + "] ready", upstream.text());
        StyledLine proxy = StyledLine.of(new LogLine(4, Instant.now(), LogStream.PROXY, id, LogLevel.INFO, "ready"), false, prefixes);
        assertTrue(proxy.text().endsWith(id + ": ready"), proxy.text());
        assertEquals("[tiny-a] ", StyledLine.of(upstream(5, "tiny-a"), true, prefixes).runs().get(0).text(),
                "a short id stays whole");
    }

    /** Ids of one family and quantisation (llama-server's router names them so) differ in their middle. */
    @Test
    void longIdsThatDifferInTheirMiddleKeepWhatTellsThemApart() {
        String instruct = "unsloth/Qwen3-30B-A3B-Instruct-2507-GGUF:Q4_K_M";
        String thinking = "unsloth/Qwen3-30B-A3B-Thinking-2507-GGUF:Q4_K_M";
        prefixes.setIds(List.of(instruct, thinking, "tiny-a"));
        String one = StyledLine.of(upstream(1, instruct), true, prefixes).runs().get(0).text();
        String other = StyledLine.of(upstream(2, thinking), true, prefixes).runs().get(0).text();
        assertNotEquals(one, other);
        assertTrue(one.contains("Instruct") && other.contains("Thinking"), one + " / " + other);
        assertEquals("[" + thinking + "] ready", StyledLine.of(upstream(3, thinking), true, prefixes).text(),
                "copied whole");
    }

    @Test
    void anUpstreamLineKeepsItsTextAndLosesItsEscapes() {
        LogLine line = new LogLine(2, Instant.now(), LogStream.UPSTREAM, "qwen", LogLevel.INFO, "\u001b[32mok\u001b[0m");
        assertEquals("[qwen] ok", StyledLine.of(line, true, prefixes).text());
        assertEquals("ok", StyledLine.of(line, false, prefixes).text());
    }

    private static LogLine upstream(long seq, String model) {
        return new LogLine(seq, Instant.now(), LogStream.UPSTREAM, model, LogLevel.INFO, "ready");
    }
}
