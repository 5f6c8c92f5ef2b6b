package dev.swapdeck.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A configuration file's text as llama-swap's YAML reader (go-yaml) takes it: UTF-8, or UTF-16 when
 * the file starts with that byte order mark (what Windows PowerShell 5's {@code >} and
 * {@code Out-File} write); and a byte order mark at the start of any line, where joining files saved
 * with one leaves it, is no part of the line's text.
 */
public final class ConfigText {
    private static final Pattern MARK_AT_LINE_START = Pattern.compile("(?m)^\uFEFF+");
    /**
     * The largest file read as a configuration: llama-swap's largest examples are kilobytes, while a
     * model file named by mistake (gigabytes) or a device such as /dev/zero filled the heap.
     */
    static final int MAX_BYTES = 16 * 1024 * 1024;

    private ConfigText() {
    }

    /**
     * The text of {@code file}.
     *
     * @throws java.nio.charset.MalformedInputException when it is neither UTF-16 with its mark nor UTF-8
     */
    public static String read(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new IOException("it holds more than " + MAX_BYTES / (1024 * 1024) + " MiB, which is no configuration file"
                    + " (a model file named by mistake?)");
        }
        Charset charset = bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF
                ? StandardCharsets.UTF_16BE
                : bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE ? StandardCharsets.UTF_16LE
                : StandardCharsets.UTF_8;
        int skipped = charset == StandardCharsets.UTF_8 ? 0 : 2;
        return charset.newDecoder().decode(ByteBuffer.wrap(bytes, skipped, bytes.length - skipped)).toString();
    }

    /** {@code yaml} without the byte order marks that begin its lines (the file's first included). */
    static String withoutLineStartMarks(String yaml) {
        return yaml.indexOf('\uFEFF') < 0 ? yaml : MARK_AT_LINE_START.matcher(yaml).replaceAll("");
    }
}
