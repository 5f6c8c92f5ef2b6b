package dev.swapdeck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files as editors and tools on any system save them load as llama-swap's YAML reader loads them:
 * UTF-16 with its byte order mark (Windows PowerShell 5's {@code >}), and a mark at the start of a line
 * (two files joined with {@code cat}, each saved with one), which is no part of that line's key.
 */
class FileEncodingsTest {
    private static final String CONFIG = "startPort: 9100\nmodels:\n  a:\n    cmd: llama-server --port ${PORT}\n";

    @TempDir Path dir;

    @Test
    void utf16WithItsMarkLoadsInEitherByteOrder() throws Exception {
        for (Charset charset : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            Path file = Files.write(dir.resolve(charset.name() + ".yaml"), ("\uFEFF" + CONFIG).getBytes(charset));
            assertLoadsAsWritten(ConfigLoader.load(file));
        }
    }

    @Test
    void aMarkThatBeginsALineIsNoPartOfIt() throws Exception {
        Path joined = Files.writeString(dir.resolve("joined.yaml"),
                "\uFEFF\uFEFFstartPort: 9100\n\uFEFFmodels:\n  a:\n    cmd: llama-server --port ${PORT}\n");
        assertLoadsAsWritten(ConfigLoader.load(joined));
    }

    @Test
    void theEditorsTextIsReadTheSameWay() throws Exception {
        assertLoadsAsWritten(Configs.parse("\uFEFFstartPort: 9100\n\uFEFFmodels:\n  a:\n    cmd: llama-server --port ${PORT}\n"));
    }

    private static void assertLoadsAsWritten(SwapdeckConfig config) {
        assertEquals(List.of(), config.warnings());
        assertEquals(9100, config.startPort());
        assertEquals(List.of("llama-server", "--port", "9100"), config.models().get("a").cmd());
    }
}
