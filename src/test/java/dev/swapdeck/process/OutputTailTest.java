package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutputTailTest {
    @Test
    void keepsTheLastLinesWithoutTerminalEscapes() {
        OutputTail tail = new OutputTail();
        for (int i = 0; i < 30; i++) {
            tail.add("line " + i);
        }
        tail.add("\u001B[31merror:\u001B[0m model file missing");
        tail.add("   ");
        assertEquals(OutputTail.LINES, tail.lines().size());
        assertEquals(Optional.of("error: model file missing"), tail.lastNonEmpty());
        assertEquals("last output: error: model file missing", tail.describe());
    }

    @Test
    void saysSoWhenThereWasNoOutput() {
        assertEquals("no output", new OutputTail().describe());
    }
}
