package dev.swapdeck.state;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Why a file (a configuration, or one in the state folder) could not be read or written, in words. The JDK's file exceptions carry the path as
 * their whole message ({@code NoSuchFileException}, {@code AccessDeniedException}) or a decoder's
 * "Input length = 1": a person reading "Could not save config.yaml: config.yaml" learns nothing. Jackson's
 * carry a second line that says where in words meant for a programmer.
 */
public final class FileProblems {
    private static final Pattern JACKSON_POSITION =
            Pattern.compile("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]");

    private FileProblems() {
    }

    /**
     * {@code text} as a path, or an error that says why it cannot be one: under {@code LANG=C} (a
     * container, a cron job) the JVM names files in ASCII, and a name such as {@code Modèles} has no
     * spelling there. {@code from}: where the text came from, for the message (empty: nowhere to say).
     */
    public static Path pathOf(String text, String from) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            String charset = System.getProperty("sun.jnu.encoding", "default");
            boolean spellable = !Charset.isSupported(charset) || Charset.forName(charset).newEncoder().canEncode(text);
            throw new IllegalArgumentException((from.isEmpty() ? "" : from + ": ") + "'" + text
                    + "' cannot name a file: " + (spellable ? e.getReason() : "Swapdeck runs with the " + charset
                    + " character set of its locale; start it with a UTF-8 locale (LANG=C.UTF-8, or the LANG of"
                    + " your desktop)"), e);
        }
    }

    /** {@code not found}, {@code permission denied}, ...; naming the path the failure was about when it is not {@code file}. */
    public static String why(Path file, IOException e) {
        String reason;
        if (e instanceof NoSuchFileException) {
            reason = "not found";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof FileAlreadyExistsException) {
            reason = "something is already there";
        } else if (e instanceof NotDirectoryException) {
            reason = "not a folder";
        } else if (e instanceof DirectoryNotEmptyException) {
            reason = "a folder that is not empty";
        } else if (e instanceof CharacterCodingException) {
            return "it is not UTF-8 text";
        } else if (e instanceof JsonProcessingException json) {
            return jsonProblem(json);
        } else if (e instanceof FileSystemException fs && fs.getReason() != null) {
            reason = fs.getReason();
        } else {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        String other = e instanceof FileSystemException fs ? fs.getFile() : null;
        if (other == null || other.equals(file.toString())) {
            return reason;
        }
        return reason + (writtenBeside(file, other) ? " (writing in " + Path.of(other).getParent() + ")" : " (" + other + ")");
    }

    /**
     * {@code other} is the temporary file an atomic write of {@code file} goes through ({@code .NAME…tmp}
     * beside it): the folder is what failed, and the file's random name changed with every try.
     */
    private static boolean writtenBeside(Path file, String other) {
        Path temporary = Path.of(other);
        Path name = temporary.getFileName();
        return name != null && file.getFileName() != null && Objects.equals(temporary.getParent(), file.getParent())
                && name.toString().startsWith("." + file.getFileName()) && name.toString().endsWith(".tmp");
    }

    /**
     * Jackson's complaint on one line: its message adds "\n at [Source: REDACTED (...); line: 1, column:
     * 15]", and the complaint itself may name a position the same way.
     */
    private static String jsonProblem(JsonProcessingException e) {
        String complaint = JACKSON_POSITION.matcher(e.getOriginalMessage()).replaceAll("line $1, column $2");
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 0 ? ""
                : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return (e instanceof StreamReadException ? "it is not valid JSON: " : "") + complaint + where;
    }
}
