package dev.swapdeck.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Splits a command as llama-swap does on Windows (its splitter's Windows dialect, which follows the
 * rules Windows programs read their command line by), so that {@code C:\models\x.gguf} keeps its
 * backslashes there:
 * <ul>
 *   <li>blanks, tabs and line breaks separate arguments; only {@code "} quotes, {@code '} is a letter;</li>
 *   <li>inside quotes, {@code ""} is one literal {@code "};</li>
 *   <li>backslashes are literal unless a {@code "} follows them: then 2n give n and the quote opens or
 *       closes, 2n+1 give n and a literal {@code "}.</li>
 * </ul>
 * Comments are read as on POSIX ({@link CommandLine}), with these quotes.
 */
final class WindowsCommandLine {
    private WindowsCommandLine() {
    }

    static List<String> words(String joined, Consumer<String> unclosed) {
        List<String> args = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean quoted = false;
        int n = joined.length();
        int i = 0;
        while (i < n) {
            char c = joined.charAt(i);
            if (c == '\\') {
                int run = backslashes(joined, i);
                boolean quoteFollows = i + run < n && joined.charAt(i + run) == '"';
                word.append("\\".repeat(quoteFollows ? run / 2 : run));
                if (quoteFollows && run % 2 == 1) {
                    word.append('"');
                    i++;
                }
                i += run;
                inWord = true;
            } else if (c == '"') {
                if (quoted && i + 1 < n && joined.charAt(i + 1) == '"') {
                    word.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
                inWord = true;
                i++;
            } else if (!quoted && isBlank(c)) {
                if (inWord) {
                    args.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (quoted) {
            unclosed.accept("unterminated double quote (\") in command");
        }
        if (inWord) {
            args.add(word.toString());
        }
        return args;
    }

    /**
     * The index after the quote or backslashes at {@code i}, read as {@link #words} reads them: a run of
     * backslashes with the quote it escapes, a doubled quote inside quotes, or one quote, which opens or
     * closes ({@code open[0]} is updated). For finding where words begin without splitting them.
     */
    static int skipQuotedPart(String text, int i, boolean[] open) {
        char c = text.charAt(i);
        if (c == '\\') {
            int run = backslashes(text, i);
            boolean quoteFollows = i + run < text.length() && text.charAt(i + run) == '"';
            if (quoteFollows && run % 2 == 1) {
                return i + run + 1;
            }
            return i + run;
        }
        if (c == '"' && open[0] && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            return i + 2;
        }
        if (c == '"') {
            open[0] = !open[0];
        }
        return i + 1;
    }

    /** {@code arg} written so that {@link #words} gives it back unchanged (and no comment begins with it). */
    static String quote(String arg) {
        if (!arg.isEmpty() && !arg.startsWith("#") && arg.chars().noneMatch(c -> isBlank((char) c) || c == '"')) {
            return arg;
        }
        StringBuilder out = new StringBuilder("\"");
        int run = 0;
        for (char c : arg.toCharArray()) {
            if (c == '\\') {
                run++;
                continue;
            }
            out.append("\\".repeat(c == '"' ? run * 2 + 1 : run)).append(c);
            run = 0;
        }
        return out.append("\\".repeat(run * 2)).append('"').toString();
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static int backslashes(String text, int from) {
        int end = from;
        while (end < text.length() && text.charAt(end) == '\\') {
            end++;
        }
        return end - from;
    }
}
