package dev.swapdeck.config;

import dev.swapdeck.state.FileProblems;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A configuration file, or the folder of files, that could not be read. Its message names the file and
 * says why in words
 * ({@link FileProblems}), the same wherever it is shown: the terminal at startup, a reload's answer,
 * the window.
 */
public final class UnreadableConfigException extends IOException {
    private static final long serialVersionUID = 1L;

    UnreadableConfigException(Path file, IOException cause) {
        this(describe(file, cause), cause);
    }

    private UnreadableConfigException(String message, IOException cause) {
        super(message, cause);
    }

    /** The {@code --config-dir} folder {@code dir} could not be listed: the JDK's message is its bare path. */
    static UnreadableConfigException folder(Path dir, IOException cause) {
        return new UnreadableConfigException("cannot read configuration folder " + dir + ": "
                + FileProblems.why(dir, cause), cause);
    }

    /** The text of {@code file}, or this exception. */
    static String read(Path file) throws UnreadableConfigException {
        try {
            return ConfigText.read(file);
        } catch (IOException e) {
            throw new UnreadableConfigException(file, e);
        }
    }

    private static String describe(Path file, IOException cause) {
        if (cause instanceof NoSuchFileException) {
            return danglingLinkTarget(file).map(target -> "configuration file " + file + " is a link to " + target
                    + ", which does not exist").orElse("configuration file not found: " + file);
        }
        String why = Files.isDirectory(file) ? "it is a folder (a folder of files is given with --config-dir)"
                : FileProblems.why(file, cause);
        return "cannot read configuration " + file + ": " + why
                + (cause instanceof MalformedInputException ? firstNonUtf8(file) : "");
    }

    /** Where {@code file} points when it is a symbolic link to nothing (an unmounted disk, a moved dotfiles folder). */
    private static Optional<Path> danglingLinkTarget(Path file) {
        try {
            return Files.isSymbolicLink(file) ? Optional.of(file.resolveSibling(Files.readSymbolicLink(file)))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Where the first byte that is not UTF-8 text stands, as {@code " (line 5, column 7: byte 0xE9); ..."}. */
    private static String firstNonUtf8(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            ByteBuffer in = ByteBuffer.wrap(bytes);
            CharBuffer out = CharBuffer.allocate(bytes.length);
            StandardCharsets.UTF_8.newDecoder().decode(in, out, true);
            String before = out.flip().toString();
            TextPosition at = TextPosition.at(before, before.length());
            return String.format(Locale.ROOT, " (line %d, column %d: byte 0x%02X); save the file as UTF-8", at.line(),
                    at.column(), in.hasRemaining() ? bytes[in.position()] & 0xFF : 0);
        } catch (IOException e) {
            return "";
        }
    }
}
