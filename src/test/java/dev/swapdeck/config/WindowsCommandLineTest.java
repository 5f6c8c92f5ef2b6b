package dev.swapdeck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swapdeck.config.CommandLine.Dialect;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Commands as llama-swap splits them on Windows, where paths are written with backslashes. */
class WindowsCommandLineTest {

    private static List<String> split(String text) {
        return CommandLine.split(text, Dialect.WINDOWS);
    }

    @Test
    void backslashesInPathsStayAndOnlyDoubleQuotesGroup() {
        assertEquals(List.of("C:\\Users\\me\\llama-server.exe", "-m", "F:\\ai models\\x.gguf", "--alias", "'x'",
                        "it's"),
                split("C:\\Users\\me\\llama-server.exe -m \"F:\\ai models\\x.gguf\"\n  --alias 'x' it's"));
    }

    /** The rules Windows programs read their command line by, which llama-swap's Windows splitter follows. */
    @Test
    void backslashesBeforeAQuoteEscapeItInPairs() {
        assertEquals(List.of("a\"b"), split("a\\\"b"));
        assertEquals(List.of("a\\b c"), split("a\\\\\"b c\""));
        assertEquals(List.of("a\\\"b"), split("a\\\\\\\"b"));
        assertEquals(List.of("C:\\dir\\", "next"), split("\"C:\\dir\\\\\" next"));
        assertEquals(List.of("x\"y", ""), split("\"x\"\"y\" \"\""));
        List<String> told = new ArrayList<>();
        assertEquals(List.of("open ended"), CommandLine.words("\"open ended", Dialect.WINDOWS, told::add));
        assertEquals(List.of("unterminated double quote (\") in command"), told);
    }

    @Test
    void commentsAreReadAsOnPosixWithWindowsQuotes() {
        assertEquals(List.of("srv", "-m", "C:\\m.gguf", "#kept", "x#y", "--ctx", "8"),
                split("srv -m C:\\m.gguf  # the model\n  # --flash-attn\n\"#kept\" x#y --ctx 8"));
        assertEquals(List.of("say \"# not a comment\"", "a"), split("\"say \\\"# not a comment\\\"\" a # one"));
    }

    @Test
    void quoteRoundTripsAnyArgument() {
        for (String arg : List.of("", "plain", "C:\\Program Files\\x.exe", "ends\\", "say \"hi\"", "a\\\"b", "#hash",
                "it's", "tab\there", "C:\\dir\\ with space\\")) {
            assertEquals(List.of(arg, "next"), split(CommandLine.quote(arg, Dialect.WINDOWS) + " next"), arg);
        }
        assertEquals("C:\\llama\\server.exe", CommandLine.quote("C:\\llama\\server.exe", Dialect.WINDOWS));
    }
}
