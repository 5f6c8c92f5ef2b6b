package dev.swapdeck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void blanksSeparateArguments() {
        assertEquals(List.of("llama-server", "--port", "8080"), CommandLine.split("  llama-server \t--port   8080 "));
    }

    @Test
    void newlinesSeparateArgumentsAcrossLines() {
        assertEquals(List.of("a", "b", "c"), CommandLine.split("a\nb\n  c\n"));
    }

    @Test
    void commentLinesAreDropped() {
        String cmd = "llama-server\n  # the model file\n--model m.gguf\n#--ctx-size 4096\n";
        assertEquals(List.of("llama-server", "--model", "m.gguf"), CommandLine.split(cmd));
    }

    @Test
    void hashInsideAWordOrQuotedIsAnOrdinaryCharacter() {
        assertEquals(List.of("--tag", "a#b", "#1", "#2", "x #3", "#4"),
                CommandLine.split("--tag a#b '#1' \"#2\" \"x #3\" \\#4"));
    }

    @Test
    void aHashBeginningAWordCommentsOutTheRestOfItsLine() {
        String cmd = "llama-server -t 1  # small context\n  --port 9 #1 'it''s' \\\n  #not joined \\\n  -x";
        assertEquals(List.of("llama-server", "-t", "1", "--port", "9", "-x"), CommandLine.split(cmd));
        assertEquals(List.of("a", "b c #d"), CommandLine.split("a # one 'quote\n'b c #d'"));
    }

    @Test
    void trailingBackslashJoinsLinesEvenWithBlanksAfterIt() {
        assertEquals(List.of("llama-server", "--port", "1", "--ctx", "2"),
                CommandLine.split("llama-server \\\n  --port 1 \\   \n  --ctx 2"));
    }

    @Test
    void aLineEndingBackslashSeparatesAsLlamaSwapReadsIt() {
        assertEquals(List.of("-m", "model.gguf", "--ctx", "8"), CommandLine.split("-m model.gguf\\\n--ctx 8"));
        assertEquals(List.of("a\\", "b"), CommandLine.split("a\\\\\nb"));
    }

    @Test
    void singleQuotesKeepEverythingLiterally() {
        assertEquals(List.of("a b", "$x \\n \"q\""), CommandLine.split("'a b' '$x \\n \"q\"'"));
    }

    @Test
    void doubleQuotesUnescapeOnlyQuoteBackslashDollarAndBacktick() {
        assertEquals(List.of("say \"hi\" \\ $ ` \\n"), CommandLine.split("\"say \\\"hi\\\" \\\\ \\$ \\` \\n\""));
    }

    @Test
    void quotesInsideAWordJoinTheWord() {
        assertEquals(List.of("--chat-template-kwargs={\"a\": 1}", "--x=a b"),
                CommandLine.split("--chat-template-kwargs='{\"a\": 1}' --x=\"a b\""));
    }

    @Test
    void emptyQuotedArgumentsArePreserved() {
        assertEquals(List.of("--api-key", "", "--x", ""), CommandLine.split("--api-key '' --x \"\""));
    }

    @Test
    void backslashOutsideQuotesEscapesTheNextCharacter() {
        assertEquals(List.of("a b", "'", "\"", "\\"), CommandLine.split("a\\ b \\' \\\" \\\\"));
    }

    @Test
    void quotedArgumentsMaySpanLines() {
        assertEquals(List.of("line one\nline two"), CommandLine.split("'line one\nline two'"));
    }

    @Test
    void windowsLineEndingsAreNewlines() {
        assertEquals(List.of("a", "b", "c"), CommandLine.split("a \\\r\nb\r\nc"));
    }

    @Test
    void nothingButCommentsGivesNoArguments() {
        assertEquals(List.of(), CommandLine.split("# only\n   \n"));
    }

    @Test
    void anUnterminatedQuoteRunsToTheEndAsLlamaSwapReadsIt() {
        List<String> told = new ArrayList<>();
        assertEquals(List.of("llama-server", "oops x"), CommandLine.words("llama-server 'oops x", told::add));
        assertEquals(List.of("a", "b\" c"), CommandLine.words("a \"b\\\" c", told::add));
        assertEquals(List.of("unterminated single quote (') in command", "unterminated double quote (\") in command"), told);
    }

    @Test
    void commentLinesPutInByAMacroAreDroppedTooAsLlamaSwapDoes() {
        assertEquals("srv --ctx 8\n-ngl 99", CommandLine.withoutCommentLines("srv --ctx 8\n  # --flash-attn on\n-ngl 99"));
    }

    @Test
    void quoteRoundTripsAnyArgument() {
        for (String arg : List.of("", "plain", "with space", "it's", "$HOME \"q\" \\ `x`", "new\nline", "#hash")) {
            assertEquals(List.of(arg, "next"), CommandLine.split(CommandLine.quote(arg) + " next"), arg);
        }
    }
}
