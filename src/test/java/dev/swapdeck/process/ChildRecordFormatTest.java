package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The record of children is written field by field and read back from Jackson's tree: the two must
 * agree, and anything else read back is refused saying why.
 */
class ChildRecordFormatTest {
    @Test
    void whatIsWrittenReadsBackAsTheSameChildren() throws IOException {
        List<RecordedChild> children = List.of(
                new RecordedChild("tiny-a", 4242, 123456789L, 4242, 5800, "/opt/llama-server -m a.gguf --port 5800"),
                new RecordedChild("quote\"back\\slash", 7, 0, 0, 0, "sh -c 'echo \"é ✓\\n\ttab'"));
        assertEquals(children, ChildRecord.parse(ChildRecord.json(children)));
        assertEquals(List.of(), ChildRecord.parse(ChildRecord.json(List.of())));
    }

    /** Whatever a damaged record holds is an IOException naming what is wrong, never a null child. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``                                             | it is empty",
        "null                                           | it holds null, not a list of model processes",
        "{}                                             | it holds {}, not a list of model processes",
        "`\"children\"`                               | it holds \"children\", not a list of model processes",
        "[null]                                         | entry 1 is null, not a model process",
        "[[]]                                           | entry 1 is [], not a model process",
        "`[{\"model\":\"a\",\"pid\":7,\"startTicks\":1,\"pgid\":7,\"port\":0}]` | entry 1 has no command",
        "`[{\"model\":null,\"pid\":7,\"startTicks\":1,\"pgid\":7,\"port\":0,\"command\":\"x\"}]`"
                + " | entry 1's model is null, not a string",
        "`[{\"model\":\"a\",\"pid\":\"7\",\"startTicks\":1,\"pgid\":7,\"port\":0,\"command\":\"x\"}]`"
                + " | entry 1's pid is \"7\", not a process id",
        "`[{\"model\":\"a\",\"pid\":0,\"startTicks\":1,\"pgid\":0,\"port\":0,\"command\":\"x\"}]`"
                + " | entry 1's pid is 0, not a process id",
        "`[{\"model\":\"a\",\"pid\":7.5,\"startTicks\":1,\"pgid\":7,\"port\":0,\"command\":\"x\"}]`"
                + " | entry 1's pid is 7.5, not a process id",
        "`[{\"model\":\"a\",\"pid\":7,\"startTicks\":99999999999999999999,\"pgid\":7,\"port\":0,"
                + "\"command\":\"x\"}]` | entry 1's startTicks is 99999999999999999999, not a count of clock ticks",
        "`[{\"model\":\"a\",\"pid\":7,\"startTicks\":1,\"pgid\":-7,\"port\":0,\"command\":\"x\"}]`"
                + " | entry 1's pgid is -7, not a process group id or 0",
        "`[{\"model\":\"a\",\"pid\":7,\"startTicks\":1,\"pgid\":7,\"port\":70000,\"command\":\"x\"}]`"
                + " | entry 1's port is 70000, not a port or 0",
        "`[{\"model\":\"a\",\"pid\":7,\"startTicks\":1,\"pgid\":7,\"port\":0,\"command\":[\"x\"]}]`"
                + " | entry 1's command is [\"x\"], not a string",
    })
    void anythingButAListOfWholeChildrenIsRefusedSayingWhat(String json, String why) {
        assertEquals(why, assertThrows(IOException.class, () -> ChildRecord.parse(json)).getMessage());
    }

    @Test
    void aLaterEntryIsNamedByItsPlaceAndLongValuesAreCut() throws IOException {
        String good = ChildRecord.json(List.of(new RecordedChild("a", 7, 1, 7, 0, "x")));
        String json = good.substring(0, good.lastIndexOf(']')) + ", \"" + "y".repeat(500) + "\"]";
        String why = assertThrows(IOException.class, () -> ChildRecord.parse(json)).getMessage();
        assertEquals("entry 2 is \"" + "y".repeat(59) + "…, not a model process", why);
    }

    @Test
    void aRecordThatCannotBeWrittenSaysWhyOnce(@TempDir Path dir) throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("state"), "a file where the state folder should be");
        LogHub log = new LogHub(new EventBus());
        ChildRecord record = ChildRecord.of(new StateFolder(notAFolder), log);
        record.add(new RecordedChild("a", 4242, 1, 4242, 5800, "server"));
        record.add(new RecordedChild("b", 4243, 1, 4243, 5801, "server"));
        assertEquals(List.of("could not record model processes in " + notAFolder + " (something is already there): "
                + "if Swapdeck is killed, the next start can neither stop nor report the model servers it leaves running"),
                log.proxyHistory().stream().map(LogLine::text).toList());
    }
}
