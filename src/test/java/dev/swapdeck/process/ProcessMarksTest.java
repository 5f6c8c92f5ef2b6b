package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Finding a mark among a process's NUL-separated environment entries. */
class ProcessMarksTest {
    private static final byte[] ENVIRON = "HOME=/root\0SWAPDECK_CHILD=12-34:5:qwen:7b\0PATH=/bin\0"
            .getBytes(StandardCharsets.UTF_8);

    private static int at(String entry) {
        return ProcessMarks.entryAt(ENVIRON, ENVIRON.length, entry.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aMarkMatchesWholeOrByItsRunButNeverInsideAnotherEntry() {
        assertEquals(11, at("SWAPDECK_CHILD=12-34:5:qwen:7b\0"), "one spawn's mark, whole");
        assertEquals(-1, at("SWAPDECK_CHILD=12-34:5:qwen\0"), "another model's mark is not a prefix match");
        assertEquals(11, at("SWAPDECK_CHILD=12-34:"), "any spawn of the run");
        assertEquals(-1, at("SWAPDECK_CHILD=12-3:"), "another run");
        assertEquals(-1, at("CHILD=12-34:"), "only at an entry's start");
    }

    @Test
    void theModelIsWhatFollowsTheSpawnNumber() {
        assertEquals("qwen:7b", ProcessMarks.model("12-34:5:qwen:7b"));
    }
}
