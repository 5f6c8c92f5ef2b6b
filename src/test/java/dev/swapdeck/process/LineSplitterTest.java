package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
    private final List<String> lines = new ArrayList<>();
    private final LineSplitter splitter = new LineSplitter(16, lines::add);

    private void feed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        splitter.feed(bytes, 0, bytes.length);
    }

    @Test
    void newlineCarriageReturnNewlineAndLoneCarriageReturnEachEndOneLine() {
        feed("a\nb\r\nc\rd\n\ne");
        splitter.finish();
        assertEquals(List.of("a", "b", "c", "d", "", "e"), lines);
    }

    @Test
    void crlfSplitAcrossReadsIsOneBreak() {
        feed("a\r");
        feed("\nb\n");
        assertEquals(List.of("a", "b"), lines);
    }

    @Test
    void progressBarsRedrawnWithCarriageReturnsDoNotMakeEmptyLines() {
        feed("\r10%\r20%\r\n");
        assertEquals(List.of("10%", "20%"), lines);
    }

    @Test
    void multiByteCharactersSplitAcrossReadsDecodeWhole() {
        byte[] bytes = "é✓\n".getBytes(StandardCharsets.UTF_8);
        splitter.feed(bytes, 0, 1);
        splitter.feed(bytes, 1, bytes.length - 1);
        assertEquals(List.of("é✓"), lines);
    }

    @Test
    void overlongLinesAreCutAndMarked() {
        feed("0123456789abcdefXYZ\nshort\n");
        assertEquals(List.of("0123456789abcdef" + LineSplitter.TRUNCATED_MARK, "short"), lines);
    }
}
