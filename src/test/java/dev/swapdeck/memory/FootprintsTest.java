package dev.swapdeck.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.logging.LogLine;
import dev.swapdeck.state.StateFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is learned survives a restart and outranks what is declared, which outranks the model file. */
class FootprintsTest {
    @TempDir
    Path dir;

    private final LogHub log = new LogHub(new EventBus());

    @Test
    void aLearnedFootprintIsRememberedAcrossRestarts() {
        Footprints first = new Footprints(new StateFolder(dir), log);
        first.learn(Reading.Source.GPU, "qwen", 9 * ByteSize.GIB);
        first.learn(Reading.Source.RAM, "qwen", ByteSize.GIB);
        Footprints next = new Footprints(new StateFolder(dir), log);
        assertEquals(Optional.of(9 * ByteSize.GIB), next.learned("qwen"));
        next.accountIn(Reading.Source.RAM);
        assertEquals(Optional.of(ByteSize.GIB), next.learned("qwen"), "a RAM run never teaches a GPU run, nor the reverse");
    }

    @Test
    void aFootprintLearnedFromGpuReadingsSaysTheyNameAModelsProcesses() {
        Footprints first = new Footprints(new StateFolder(dir), log);
        assertFalse(first.anyLearnedIn(Reading.Source.GPU));
        first.learn(Reading.Source.GPU, "qwen", 9 * ByteSize.GIB);
        Footprints next = new Footprints(new StateFolder(dir), log);
        assertTrue(next.anyLearnedIn(Reading.Source.GPU), "saved by an earlier run");
        assertFalse(next.anyLearnedIn(Reading.Source.RAM));
    }

    @Test
    void swapdecksSharingAStateFolderKeepEachOthersFootprints() {
        Footprints one = new Footprints(new StateFolder(dir), log);
        Footprints other = new Footprints(new StateFolder(dir), log);
        one.learn(Reading.Source.GPU, "qwen", 9 * ByteSize.GIB);
        other.learn(Reading.Source.GPU, "llama", 5 * ByteSize.GIB);
        one.learn(Reading.Source.GPU, "qwen", 8 * ByteSize.GIB);

        Footprints next = new Footprints(new StateFolder(dir), log);
        assertEquals(Optional.of(8 * ByteSize.GIB), next.learned("qwen"));
        assertEquals(Optional.of(5 * ByteSize.GIB), next.learned("llama"), "the other's model survives");
    }

    @Test
    void anUnreadableFileIsIgnoredWithAWarning() throws Exception {
        Files.writeString(dir.resolve(Footprints.FILE), "{not json");
        assertEquals(Optional.empty(), new Footprints(new StateFolder(dir), log).learned("qwen"));
    }

    @Test
    void aFileThatCannotBeReadOrWrittenIsReportedWithTheReason() throws Exception {
        Files.write(dir.resolve(Footprints.FILE), new byte[] {'{', (byte) 0xff, '}'});
        new Footprints(new StateFolder(dir), log);
        Path notAFolder = dir.resolve(Footprints.FILE);
        new Footprints(new StateFolder(notAFolder), log).learn(Reading.Source.GPU, "qwen", ByteSize.GIB);
        assertEquals(List.of("memory: ignoring unreadable " + notAFolder + " (it is not UTF-8 text); footprints will be "
                + "measured again", "memory: could not save learned footprints in " + notAFolder
                + ": something is already there"), log.proxyHistory().stream().map(LogLine::text).toList());
    }

    @Test
    void predictionsPreferMeasuredThenDeclaredThenTheModelFile() throws Exception {
        Path gguf = dir.resolve("tiny.gguf");
        Files.write(gguf, new byte[4096]);
        Footprints footprints = new Footprints(new StateFolder(dir.resolve("state")), log);
        ModelSpec declared = new ModelSpec("declared", new ModelMemory(Optional.of(ByteSize.GIB), false),
                List.of("llama-server", "-m", gguf.toString()));
        ModelSpec fromFile = new ModelSpec("file", ModelMemory.NONE, List.of("llama-server", "--model=" + gguf));
        ModelSpec nothing = new ModelSpec("nothing", ModelMemory.NONE, List.of("server", "-m", dir.resolve("gone").toString()));
        MemoryModels models = new MemoryModels(new MemoryConfig(true, Optional.empty(), 0),
                List.of(declared, fromFile, nothing), footprints);

        assertEquals(new Prediction(ByteSize.GIB, Prediction.Basis.DECLARED), models.predict("declared"));
        assertEquals(new Prediction(4096 + 409 + ModelFile.MARGIN_FIXED, Prediction.Basis.MODEL_FILE),
                models.predict("file"));
        assertEquals(Prediction.UNKNOWN, models.predict("nothing"));
        footprints.learn(Reading.Source.GPU, "declared", 3 * ByteSize.GIB);
        assertEquals(new Prediction(3 * ByteSize.GIB, Prediction.Basis.MEASURED), models.predict("declared"));
    }

    @Test
    void everyPartOfASplitModelCounts() throws Exception {
        for (int part = 1; part <= 3; part++) {
            Files.write(dir.resolve("big-0000" + part + "-of-00003.gguf"), new byte[1000]);
        }
        long expected = 3000 + 300 + ModelFile.MARGIN_FIXED;
        assertEquals(Optional.of(expected),
                ModelFile.estimate(List.of("llama-server", "-m", dir.resolve("big-00001-of-00003.gguf").toString())));
        assertTrue(ModelFile.estimate(List.of("llama-server", "--port", "8080")).isEmpty());
    }
}
