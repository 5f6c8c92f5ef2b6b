package dev.swapdeck.ui.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnsiTextTest {
    private static final String ESC = "\u001b";

    @Test
    void sgrCodesBecomeStyleClassesAndAreStripped() {
        List<AnsiText.Run> runs = AnsiText.parse("plain " + ESC + "[1;31merror" + ESC + "[0m done");
        assertEquals(List.of(
                new AnsiText.Run("plain ", List.of()),
                new AnsiText.Run("error", List.of("ansi-bold", "ansi-fg-1")),
                new AnsiText.Run(" done", List.of())), runs);
    }

    @Test
    void brightBackgroundAnd256ColoursMapOntoTheSixteen() {
        assertEquals(List.of("ansi-fg-10"), AnsiText.parse(ESC + "[92mok").get(0).styles());
        assertEquals(List.of("ansi-bg-4"), AnsiText.parse(ESC + "[44mx").get(0).styles());
        assertEquals(List.of("ansi-fg-9"), AnsiText.parse(ESC + "[38;5;196mred").get(0).styles());
        assertEquals(List.of("ansi-fg-2"), AnsiText.parse(ESC + "[38;2;0;200;0mgreen").get(0).styles());
    }

    @Test
    void otherEscapesAndControlCharactersAreRemoved() {
        assertEquals("progress 50%\tdone", AnsiText.strip(ESC + "[2K\rprogress 50%" + ESC + "]0;title\u0007\tdone"));
        assertEquals("cut", AnsiText.strip("cut" + ESC + "["));
    }

    /** C1 controls were shown as boxes; the 8-bit CSI is a CSI, its colours applied like ESC ['s. */
    @Test
    void c1ControlsAreRemovedAndAnEightBitCsiIsReadAsOne() {
        assertEquals("8bit-CSI:C1 end", AnsiText.strip("8bit-CSI:\u009b2K\u0085C1 end"));
        List<AnsiText.Run> runs = AnsiText.parse("a\u009b31mred\u009bm");
        assertEquals(List.of(new AnsiText.Run("a", List.of()), new AnsiText.Run("red", List.of("ansi-fg-1"))), runs);
        assertEquals("é ü", AnsiText.strip("é ü"), "letters above U+009F are text");
    }

    @Test
    void resetsTurnOffSingleAttributes() {
        List<AnsiText.Run> runs = AnsiText.parse(ESC + "[1;4mA" + ESC + "[22mB" + ESC + "[24;39mC");
        assertEquals(List.of("ansi-bold", "ansi-underline"), runs.get(0).styles());
        assertEquals(List.of("ansi-underline"), runs.get(1).styles());
        assertEquals(List.of(), runs.get(2).styles());
    }
}
