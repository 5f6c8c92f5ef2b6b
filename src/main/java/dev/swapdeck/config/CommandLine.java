package dev.swapdeck.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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
 *       quoted argument).</li>
 *   <li>An unquoted {@code #} that begins a word starts a comment to the end of its line, as in a
 *       shell ({@code -t 1  # small context}); inside a word ({@code x#y}) or quoted it is an ordinary
 *       character. llama-swap passes such comments to the server as arguments.</li>
 *   <li>A line ending in {@code \} (trailing blanks after it are ignored) goes on on the next line:
 *       as in llama-swap, the backslash reads as a blank, so {@code -m x.gguf\} before
 *       {@code --ctx 8} gives three arguments, not {@code x.gguf--ctx}.</li>
 *   <li>Blanks and newlines separate arguments. Single quotes keep everything literally. Double
 *       quotes keep everything except {@code \"}, {@code \\}, {@code \$} and {@code \`}, which
 *       lose their backslash. Outside quotes a backslash makes the next character literal.
 *       Quotes may sit inside a word ({@code --x="a b"}); {@code ''} and {@code ""} give an empty
 *       argument; a quote never closed runs to the end of the command, as in llama-swap.</li>
 * </ol>
 * On Windows, arguments are split by Windows rules instead, as llama-swap splits them there
 * ({@link WindowsCommandLine}).
 */
public final class CommandLine {
    /** The rules a command is split by: a POSIX shell's, or a Windows program's on Windows. */
    enum Dialect { POSIX, WINDOWS }

    static final Dialect THIS_SYSTEM = System.getProperty("os.name", "").startsWith("Windows")
            ? Dialect.WINDOWS : Dialect.POSIX;

    private CommandLine() {
    }

    /** Splits {@code text} into arguments, comments removed first; a quote never closed runs to the end. */
    public static List<String> split(String text) {
        return split(text, THIS_SYSTEM);
    }

    static List<String> split(String text, Dialect dialect) {
        return words(withoutComments(text, dialect), dialect, unclosed -> { });
    }

    /**
     * Splits {@code joined}, a command whose comments {@link #withoutComments} has already removed,
     * into arguments. A configuration removes them from the text as written, before any macro or
     * environment value is put in, so that a value such as {@code #ff0000} inside a line is an
     * argument, never a comment. A quote never closed runs to the end of the command, as llama-swap
     * (its POSIX splitter never fails) reads it; {@code unclosed} is told which.
     */
    static List<String> words(String joined, Consumer<String> unclosed) {
        return words(joined, THIS_SYSTEM, unclosed);
    }

    static List<String> words(String joined, Dialect dialect, Consumer<String> unclosed) {
        if (dialect == Dialect.WINDOWS) {
            return WindowsCommandLine.words(joined, unclosed);
        }
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
                if (i + 1 < n && joined.charAt(i + 1) == '\n') {
                    i++; // a line-ending backslash: the newline after it separates, as llama-swap reads it
                    continue;
                }
                if (i + 1 < n) {
                    word.append(joined.charAt(i + 1));
                    inWord = true;
                }
                i += 2;
            } else if (c == '\'') {
                int close = joined.indexOf('\'', i + 1);
                if (close < 0) {
                    unclosed.accept("unterminated single quote (') in command");
                    close = n;
                }
                word.append(joined, i + 1, close);
                inWord = true;
                i = close + 1;
            } else if (c == '"') {
                i = readDoubleQuoted(joined, i + 1, word, unclosed);
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

    /** Reads a double-quoted part starting after its opening quote; returns the index after the close (or the end). */
    private static int readDoubleQuoted(String text, int start, StringBuilder word, Consumer<String> unclosed) {
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
        unclosed.accept("unterminated double quote (\") in command");
        return i;
    }

    /**
     * {@code text} without the lines whose first non-blank character is {@code #}. llama-swap drops
     * them from a command once its macros are in, so a commented line inside a multi-line macro stays
     * out of the command too.
     */
    static String withoutCommentLines(String text) {
        List<String> kept = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (!line.strip().startsWith("#")) {
                kept.add(line);
            }
        }
        return String.join("\n", kept);
    }

    /**
     * The command with comment lines and comments after arguments removed, and each line-ending
     * backslash (blanks after it ignored) turned into a blank, as llama-swap does. Lines stay
     * separate (newlines are blanks). Runs before macros and environment values are put in, so a
     * comment's text is never read as a macro and a value is never read as a comment.
     */
    static String withoutComments(String text) {
        return withoutComments(text, THIS_SYSTEM);
    }

    static String withoutComments(String text, Dialect dialect) {
        List<String> kept = new ArrayList<>();
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            if (line.strip().startsWith("#")) {
                continue;
            }
            String trimmed = line.stripTrailing();
            kept.add(continues(trimmed) ? trimmed.substring(0, trimmed.length() - 1) + " " : line);
        }
        String joined = String.join("\n", kept);
        return dialect == Dialect.WINDOWS ? withoutTrailingCommentsOnWindows(joined) : withoutTrailingComments(joined);
    }

    /** Whether {@code line} ends in a backslash that no other escapes: {@code a\\} ends in a literal one. */
    private static boolean continues(String line) {
        int backslashes = 0;
        while (backslashes < line.length() && line.charAt(line.length() - 1 - backslashes) == '\\') {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /**
     * {@code text} without the comments that begin a word: follows quotes and escapes as {@link #split}
     * does, only to know where a word begins. An unclosed quote is left for {@code words} to report.
     */
    private static String withoutTrailingComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean inWord = false;
        char quote = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == quote) {
                    quote = 0;
                } else if (quote == '"' && c == '\\' && i + 1 < n) {
                    out.append(text.charAt(++i));
                }
            } else if (c == '#' && !inWord) {
                int end = text.indexOf('\n', i);
                i = (end < 0 ? n : end) - 1;
            } else if (c == ' ' || c == '\t' || c == '\n') {
                out.append(c);
                inWord = false;
            } else {
                out.append(c);
                inWord = true;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && i + 1 < n) {
                    out.append(text.charAt(++i));
                }
            }
        }
        return out.toString();
    }

    /**
     * {@link #withoutTrailingComments} for Windows' quotes: only {@code "}, and backslashes that escape
     * nothing but a quote ({@link WindowsCommandLine#skipQuotedPart}).
     */
    private static String withoutTrailingCommentsOnWindows(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean inWord = false;
        boolean[] open = {false};
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '#' && !inWord && !open[0]) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '"' || c == '\\') {
                int next = WindowsCommandLine.skipQuotedPart(text, i, open);
                out.append(text, i, next);
                i = next;
                inWord = true;
            } else {
                out.append(c);
                inWord = open[0] || !WindowsCommandLine.isBlank(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Quotes one argument so that {@link #split} gives it back unchanged, whatever it contains. */
    public static String quote(String arg) {
        return quote(arg, THIS_SYSTEM);
    }

    static String quote(String arg, Dialect dialect) {
        return dialect == Dialect.WINDOWS ? WindowsCommandLine.quote(arg) : "'" + arg.replace("'", "'\\''") + "'";
    }
}
