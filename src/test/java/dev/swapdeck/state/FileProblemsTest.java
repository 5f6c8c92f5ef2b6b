package dev.swapdeck.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** The words for the JDK's file exceptions, whose own messages are the path alone. */
class FileProblemsTest {
    private final Path file = Path.of("/etc/swapdeck/config.yaml");

    @Test
    void eachFailureIsSaidInWordsNamingAnotherPathWhenItWasAboutOne() {
        assertEquals("not found", FileProblems.why(file, new NoSuchFileException(file.toString())));
        assertEquals("permission denied (/etc/swapdeck/.config.yaml123.tmp)",
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
}
