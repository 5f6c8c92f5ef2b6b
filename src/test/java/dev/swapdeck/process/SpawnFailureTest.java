package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JDK's spawn errors, as it words them, each pointing at what to fix. */
class SpawnFailureTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "error=24, Too many open files | ulimit -n",
        "error=23, Too many open files in system | ulimit -n",
        "error=11, Resource temporarily unavailable | ulimit -u",
        "error=12, Cannot allocate memory | out of memory",
        "error=2, No such file or directory | check cmd of model m",
        "error=13, Permission denied | check cmd of model m",
    })
    void eachErrorSaysWhereTheFixIs(String error, String fix) {
        String message = SpawnFailure.describe("llama-server", "m",
                new IOException("Cannot run program \"/usr/bin/setpriv\": " + error));
        assertTrue(message.startsWith("could not start llama-server: Cannot run program"), message);
        assertTrue(message.contains(fix), message);
    }

    /** The descriptor limit is Swapdeck's, not the model's: its command is not the place to look. */
    @Test
    void runningOutOfDescriptorsDoesNotBlameTheCommand() {
        String message = SpawnFailure.describe("python3", "s",
                new IOException("Cannot run program \"/usr/bin/setpriv\": error=24, Too many open files"));
        assertFalse(message.contains("check cmd"), message);
    }

    /** Refused by Swapdeck before the JDK's launcher ran: its own message says what to do, once. */
    @Test
    void aSpawnRefusedShortOfDescriptorsKeepsItsOwnAdvice() {
        String message = SpawnFailure.describe("python3", "s", new FileDescriptors.TooFew(40, 256));
        assertTrue(message.startsWith("could not start python3: only 40 of 256 file descriptors are free"), message);
        assertFalse(message.contains("check cmd"), message);
        assertEquals(message.indexOf("ulimit -n"), message.lastIndexOf("ulimit -n"), message);
    }
}
