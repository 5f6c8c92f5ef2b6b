package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
    private final List<String> lines = new ArrayList<>();
    private long now;
    private final LineSplitter splitter = new LineSplitter(16,
            (text, frame) -> lines.add(frame ? "frame " + text : text), () -> now);

    private void feed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        splitter.feed(bytes, 0, bytes.length);
    }

    private void later(long millis) {
        now += TimeUnit.MILLISECONDS.toNanos(millis);
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
        assertEquals(List.of("frame 10%", "20%"), lines);
    }

    @Test
    void aBarRedrawingItselfManyTimesASecondIsPassedOnOnceASecondEndingInItsLastState() {
        for (int percent = 0; percent < 100; percent++) {
            feed("\rdownloading " + percent + "%");
            later(20);
        }
        feed("\rdownloading done\n");
        assertEquals(List.of("frame downloading 0%", "frame downloading 50%", "downloading done"), lines);
    }

    @Test
    void aBarWithATrailingCarriageReturnIsShownAtOnceNotAtItsNextRedraw() {
        feed("step 1/3\r");
        assertEquals(List.of("step 1/3"), lines);
        later(1_000);
        feed("step 2/3\r");
        assertEquals(List.of("step 1/3", "frame step 2/3"), lines);
    }

    @Test
    void aHeldFrameIsSupersededByWhatFollowsAsOnATerminalOrPassedOnAtTheEnd() {
        feed("\r1%\r2%\r");
        assertEquals(List.of("frame 1%"), lines, "2% came within a second of 1%: held");
        feed("error: reset\n");
        assertEquals(List.of("frame 1%", "error: reset"), lines);

        lines.clear();
        later(1_000);
        feed("\r3%\r4%\r");
        later(1_000);
        feed("5%\r");
        later(10);
        feed("6%\r");
        splitter.finish();
        assertEquals(List.of("frame 3%", "frame 5%", "frame 6%"), lines);
    }

    /** Python's print(..., end="\\r") then print(): the \\r\\n comes in two reads, the bar's last state before it. */
    @Test
    void aBarsLastStateEndedByANewlineInALaterReadIsALine() {
        feed("download 0%\r");
        later(50);
        feed("download 10%\r");
        later(50);
        feed("download 100%\r");
        feed("\n");
        feed("done\n");
        assertEquals(List.of("download 0%", "frame download 10%", "download 100%", "done"), lines);
    }

    @Test
    void aHeldFrameComesDueAFrameSpacingAfterTheLastOnePassedOn() {
        assertFalse(splitter.holdsFrame());
        feed("\r1%\r");
        later(300);
        feed("2%\r");
        assertEquals(now - TimeUnit.MILLISECONDS.toNanos(300) + LineSplitter.FRAME_NANOS, splitter.heldFrameDue());
        later(700);
        splitter.passHeldFrame(true);
        assertEquals(List.of("frame 1%", "frame 2%"), lines);
        assertFalse(splitter.holdsFrame());
    }

    @Test
    void multiByteCharactersSplitAcrossReadsDecodeWhole() {
        byte[] bytes = "é✓\n".getBytes(StandardCharsets.UTF_8);
        splitter.feed(bytes, 0, 1);
        splitter.feed(bytes, 1, bytes.length - 1);
        assertEquals(List.of("é✓"), lines);
    }

    @Test
    void overlongLinesAreCutAndMarkedWithWhatWasLeftOut() {
        feed("0123456789abcdefXYZ\nshort\n");
        assertEquals(List.of("0123456789abcdef [line truncated: 3 more bytes]", "short"), lines);
    }

    @Test
    void aCutFallingInsideACharacterEndsBeforeIt() {
        feed("0123456789abcde中\n");
        feed("0123456789abc😀x\n");
        assertEquals(List.of("0123456789abcde [line truncated: 3 more bytes]",
                "0123456789abc [line truncated: 5 more bytes]"), lines);
    }

    @Test
    void wholeCharactersCountsTheBytesBeforeAnIncompleteLastCharacter() {
        byte[] text = "aé中😀".getBytes(StandardCharsets.UTF_8);
        assertEquals(1, LineSplitter.wholeCharacters(text, 1));
        assertEquals(1, LineSplitter.wholeCharacters(text, 2));
        assertEquals(3, LineSplitter.wholeCharacters(text, 3));
        assertEquals(3, LineSplitter.wholeCharacters(text, 5));
        assertEquals(6, LineSplitter.wholeCharacters(text, 6));
        assertEquals(6, LineSplitter.wholeCharacters(text, 9));
        assertEquals(10, LineSplitter.wholeCharacters(text, 10));
        byte[] stray = {'a', (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80};
        assertEquals(5, LineSplitter.wholeCharacters(stray, 5), "malformed bytes are left to the decoder");
    }
}
