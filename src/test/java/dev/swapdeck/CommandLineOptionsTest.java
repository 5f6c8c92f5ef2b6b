package dev.swapdeck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import picocli.CommandLine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the command line is read, and the guess Main makes before parsing, to start the toolkit at once. */
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
        "-headless                              | false",
        "-help                                  | false",
        "-hV                                    | true",
        "--version                              | false",
        "-version                               | false",
        "--config --headless.yaml               | true",
    })
    void guessesFromTheRawArguments(String line, boolean window) {
        String[] args = line.isBlank() ? new String[0] : line.trim().split(" +");
        assertEquals(window, CommandLineOptions.mayOpenWindow(args));
    }

    @ParameterizedTest(name = "[{0}] watches the configuration: {1}")
    @CsvSource(delimiter = '|', value = {
        "-watch-config         | true",
        "--watch-config        | true",
        "-watch-config=1       | true",
        "-watch-config=t       | true",
        "-watch-config=T       | true",
        "-watch-config=True    | true",
        "-watch-config=TRUE    | true",
        "-watch-config=0       | false",
        "-watch-config=f       | false",
        "-watch-config=F       | false",
        "-watch-config=False   | false",
        "--watch-config=false  | false",
        "-listen 127.0.0.1:1   | false",
    })
    void readsWatchConfigAsLlamaSwapsGoFlagsDo(String line, boolean watch) {
        assertEquals(watch, parse(line.trim().split(" +")).watchConfig);
    }

    @ParameterizedTest
    @CsvSource({"-watch-config=yes", "-watch-config=2", "-watch-config=tRuE"})
    void refusesWhatGoRefuses(String arg) {
        assertThrows(CommandLine.ParameterException.class, () -> parse(arg));
    }

    /**
     * llama-swap's users spell Swapdeck's own options with one dash too: {@code -headless} was read
     * as {@code -h} clustered with more, printed the help and exited 0, a service that never served.
     */
    @Test
    void swapdecksOwnOptionsTakeOneDashAndShortOptionsDoNotCluster() {
        CommandLineOptions options = parse("-config", "x.yaml", "-headless", "-insecure-no-keys");
        assertTrue(options.headless && options.insecureNoKeys);
        for (String clustered : new String[] {"-hx", "-hV", "-Vx", "-headles"}) {
            assertThrows(CommandLine.ParameterException.class, () -> parse(clustered), clustered);
        }
    }

    @Test
    void anEmptyPathIsABadValueNotTheWorkingFolder() {
        assertTrue(assertThrows(CommandLine.ParameterException.class, () -> parse("--config="))
                .getMessage().endsWith("an empty value names no file"));
        assertThrows(CommandLine.ParameterException.class, () -> parse("--config-dir", ""));
    }

    private static CommandLineOptions parse(String... args) {
        CommandLineOptions options = new CommandLineOptions();
        options.parser().parseArgs(args);
        return options;
    }
}
