package dev.swapdeck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The guess Main makes before parsing, to start the toolkit at once: never for a run without a window. */
class CommandLineOptionsTest {
    @ParameterizedTest(name = "[{0}] may open a window: {1}")
    @CsvSource(delimiter = '|', value = {
        "''                                     | true",
        "--config x.yaml                        | true",
        "--listen 127.0.0.1:9000 --watch-config | true",
        "--headless                             | false",
        "--config x.yaml --headless             | false",
        "--headless=true                        | false",
        "-h                                     | false",
        "--help                                 | false",
        "-V                                     | false",
        "-hV                                    | false",
        "--version                              | false",
        "-version                               | false",
        "--config --headless.yaml               | true",
    })
    void guessesFromTheRawArguments(String line, boolean window) {
        String[] args = line.isBlank() ? new String[0] : line.trim().split(" +");
        assertEquals(window, CommandLineOptions.mayOpenWindow(args));
    }
}
