package dev.swapdeck.config;

import dev.swapdeck.state.FileProblems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A configuration file that could not be read. Its message names the file and says why in words
 * ({@link FileProblems}), the same wherever it is shown: the terminal at startup, a reload's answer,
 * the window.
 */
public final class UnreadableConfigException extends IOException {
    private static final long serialVersionUID = 1L;

    UnreadableConfigException(Path file, IOException cause) {
        super(describe(file, cause), cause);
    }

    /** The text of {@code file}, or this exception. */
    static String read(Path file) throws UnreadableConfigException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UnreadableConfigException(file, e);
        }
    }

    private static String describe(Path file, IOException cause) {
        if (cause instanceof NoSuchFileException) {
            return "configuration file not found: " + file;
        }
        String why = Files.isDirectory(file) ? "it is a folder (a folder of files is given with --config-dir)"
                : FileProblems.why(file, cause);
        return "cannot read configuration " + file + ": " + why;
    }
}
