package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.logging.LogLine;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** A client cannot write lines of its own into the proxy log (SPEC §8). */
class LogForgingTest {
    @AutoClose
    private final ProxyFixture proxy = ProxyFixture.start();

    @Test
    void aModelNameWithANewlineStaysOnOneLine() throws Exception {
        String forged = "nope\\n12:00:00.000 [INFO] alpha: spawned pid 1: rm -rf /\\r\\u001b[2K";
        assertEquals(404, proxy.post("/v1/chat/completions", "{\"model\":\"" + forged + "\"}").statusCode());

        String logs = proxy.get("/logs").body();
        assertFalse(logs.lines().anyMatch(line -> line.startsWith("12:00:00.000")), logs);
        assertFalse(logs.contains("\u001b"), "no terminal escapes reach the log");
        List<LogLine> lines = proxy.engine.logs.proxyHistory();
        LogLine refused = lines.stream().filter(l -> l.text().contains("nope")).findFirst().orElseThrow();
        assertTrue(refused.text().contains("nope\\n12:00:00.000 [INFO] alpha"), refused.text());
        assertTrue(lines.stream().noneMatch(l -> l.render().contains("\n") || l.render().contains("\r")));
    }

    @Test
    void aPathWithControlCharactersIsEscapedToo() throws Exception {
        assertEquals(404, proxy.get("/upstream/nope%0aFAKE%20LINE/health").statusCode());
        List<LogLine> lines = proxy.engine.logs.proxyHistory();
        assertTrue(lines.stream().anyMatch(l -> l.text().contains("nope\\nFAKE LINE")), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.render().contains("\n")));
    }
}
