package dev.swapdeck.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The words for the JDK's file exceptions, whose own messages are the path alone, and for Jackson's. */
class FileProblemsTest {
    private final Path file = Path.of("/etc/swapdeck/config.yaml");

    @Test
    void eachFailureIsSaidInWordsNamingAnotherPathWhenItWasAboutOne() {
        assertEquals("not found", FileProblems.why(file, new NoSuchFileException(file.toString())));
        assertEquals("permission denied (writing in /etc/swapdeck)", // the temporary file beside it: its folder
                FileProblems.why(file, new AccessDeniedException("/etc/swapdeck/.config.yaml123.tmp")));
        assertEquals("something is already there (/etc/swapdeck)",
                FileProblems.why(file, new FileAlreadyExistsException("/etc/swapdeck")));
        assertEquals("Read-only file system", FileProblems.why(file,
                new FileSystemException(file.toString(), null, "Read-only file system")));
        assertEquals("not a folder", FileProblems.why(file, new NotDirectoryException(file.toString())));
        assertEquals("a folder that is not empty", FileProblems.why(file, new DirectoryNotEmptyException(file.toString())));
        assertEquals("it is not UTF-8 text", FileProblems.why(file, new MalformedInputException(1)));
        assertEquals("Broken pipe", FileProblems.why(file, new IOException("Broken pipe")));
    }

    /** Jackson's messages end in a second line, "at [Source: REDACTED ...]": a warning is one line. */
    @Test
    void jsonThatCannotBeParsedIsSaidOnOneLineWithItsPosition() {
        assertEquals("it is not valid JSON: Unexpected end-of-input: was expecting closing quote for a string value"
                + " at line 1, column 15", FileProblems.why(file, parseFailure("[{\"model\":\"cut")));
        assertEquals("it is not valid JSON: Unexpected end-of-input: expected close marker for Array (start marker"
                + " at line 2, column 1) at line 2, column 3", FileProblems.why(file, parseFailure("\n[1")));
    }

    private static JsonProcessingException parseFailure(String json) {
        return assertThrows(JsonProcessingException.class, () -> new ObjectMapper().readTree(json));
    }
}
