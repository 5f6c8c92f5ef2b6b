package dev.swapdeck.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@code cmd} text into program arguments the way a POSIX shell would split them, without
 * ever running a shell: no globbing, no variables, no pipes or redirections.
 *
 * <p>Hand-written because no library on our classpath splits POSIX-style (commons-exec's
 * {@code CommandLine} mishandles quotes inside words and backslash escapes).
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>Lines whose first non-blank character is {@code #} are dropped (also inside a multi-line
 *       quoted argument; a {@code #} later in a line is an ordinary character).</li>
 *   <li>A line ending in {@code \} (trailing blanks after it are ignored) is joined to the next.</li>
 *   <li>Blanks and newlines separate arguments. Single quotes keep everything literally. Double
 *       quotes keep everything except {@code \"}, {@code \\}, {@code \$} and {@code \`}, which
 *       lose their backslash. Outside quotes a backslash makes the next character literal.
 *       Quotes may sit inside a word ({@code --x="a b"}); {@code ''} and {@code ""} give an empty
 *       argument.</li>
 * </ol>
 */
public final class CommandLine {

    private CommandLine() {
    }

    /** A quote opened in a command and never closed. */
    public static final class SyntaxException extends IllegalArgumentException {
        SyntaxException(String message) {
            super(message);
        }
    }

    /**
     * Splits {@code text} into arguments.
     *
     * @throws SyntaxException when a quote is not closed
     */
    public static List<String> split(String text) {
        String joined = withoutComments(text);
        List<String> args = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = joined.length();
        while (i < n) {
            char c = joined.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n') {
                if (inWord) {
                    args.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\\') {
                if (i + 1 < n && joined.charAt(i + 1) != '\n') {
                    word.append(joined.charAt(i + 1));
                    inWord = true;
                }
                i += 2;
            } else if (c == '\'') {
                int close = joined.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new SyntaxException("unterminated single quote (') in command");
                }
                word.append(joined, i + 1, close);
                inWord = true;
                i = close + 1;
            } else if (c == '"') {
                i = readDoubleQuoted(joined, i + 1, word);
                inWord = true;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            args.add(word.toString());
        }
        return args;
    }

    /** Reads a double-quoted part starting after its opening quote; returns the index after the close. */
    private static int readDoubleQuoted(String text, int start, StringBuilder word) {
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                if (next == '"' || next == '\\' || next == '$' || next == '`') {
                    word.append(next);
                    i += 2;
                    continue;
                }
                if (next == '\n') {
                    i += 2;
                    continue;
                }
            }
            word.append(c);
            i++;
        }
        throw new SyntaxException("unterminated double quote (\") in command");
    }

    /**
     * The command with comment lines removed and blanks after a line-ending backslash trimmed, so
     * that {@code \} + newline reads as a continuation. Lines stay separate (newlines are blanks).
     */
    static String withoutComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            if (line.strip().startsWith("#")) {
                continue;
            }
            String trimmed = line.stripTrailing();
            out.append(trimmed.endsWith("\\") ? trimmed : line).append('\n');
        }
        return out.toString();
    }

    /** Quotes one argument so that {@link #split} gives it back unchanged, whatever it contains. */
    public static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
