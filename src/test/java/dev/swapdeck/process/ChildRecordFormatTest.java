package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.logging.LogLine;
import dev.swapdeck.state.StateFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void aRecordThatCannotBeWrittenSaysWhyOnce(@TempDir Path dir) throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("state"), "a file where the state folder should be");
        LogHub log = new LogHub(new EventBus());
        ChildRecord record = ChildRecord.of(new StateFolder(notAFolder), log);
        record.add(new RecordedChild("a", 4242, 1, 4242, 5800, "server"));
        record.add(new RecordedChild("b", 4243, 1, 4243, 5801, "server"));
        assertEquals(List.of("could not record model processes in " + notAFolder + " (something is already there): "
                + "if Swapdeck is killed, the next start cannot report what was left"),
                log.proxyHistory().stream().map(LogLine::text).toList());
    }
}
