package dev.swapdeck.config;

import java.io.IOException;
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

    private ConfigText() {
    }

    /**
     * The text of {@code file}.
     *
     * @throws java.nio.charset.MalformedInputException when it is neither UTF-16 with its mark nor UTF-8
     */
    public static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
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
