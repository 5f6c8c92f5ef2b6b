package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The record of children is written field by field and read back by Jackson: the two must agree. */
class ChildRecordFormatTest {
    @Test
    void whatIsWrittenReadsBackAsTheSameChildren() throws IOException {
        List<RecordedChild> children = List.of(
                new RecordedChild("tiny-a", 4242, 123456789L, 4242, 5800, "/opt/llama-server -m a.gguf --port 5800"),
                new RecordedChild("quote\"back\\slash", 7, 0, 0, 0, "sh -c 'echo \"é ✓\\n\ttab'"));
        assertEquals(children, ChildRecord.parse(ChildRecord.json(children)));
        assertEquals(List.of(), ChildRecord.parse(ChildRecord.json(List.of())));
    }
}
