package dev.swapdeck.process;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The last few lines a child printed, kept for error messages ("exited with code 1; last output:
 * ..."). Terminal escape sequences (colours, cursor moves) are stripped because these lines end up
 * in JSON error bodies and table cells, not in a terminal; they are stripped when read, which is
 * rare, rather than on every line a chatty server prints. Thread-safe.
 */
final class OutputTail {
    static final int LINES = 20;
    /** How many of the last lines an error message quotes. */
    static final int DESCRIBED_LINES = 3;
    private static final Pattern ANSI = Pattern.compile("\u001B(?:\\[[0-?]*[ -/]*[@-~]|\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)|[@-Z\\\\-_])");

    private static final Pattern STACK_FRAME = Pattern.compile("at [\\w$.<>/@-]+\\(.*\\)|\\.\\.\\. \\d+ (more|common frames omitted)");

    private static final Pattern ERROR_WORDS = Pattern.compile(
            "(?i)\\b(error|failed|failure|fatal|cannot|can't|couldn't|could not|unable to|not found|no such"
                    + "|out of memory|denied)\\b");

    private final ArrayDeque<String> lines = new ArrayDeque<>(LINES);
    /** The last line is a progress bar's frame, which the next frame replaces. */
    private boolean endsInFrame;
    /** Lines were dropped to keep {@link #LINES}: the first error kept may not be the first printed. */
    private boolean dropped;

    synchronized void add(String line) {
        add(line, false);
    }

    /** Adds {@code line}; a {@code frame} of a progress bar takes the place of the frame before it. */
    synchronized void add(String line, boolean frame) {
        if (frame && endsInFrame) {
            lines.removeLast();
        } else if (lines.size() == LINES) {
            lines.removeFirst();
            dropped = true;
        }
        lines.addLast(line);
        endsInFrame = frame;
    }

    synchronized List<String> lines() {
        List<String> plain = new ArrayList<>(lines.size());
        lines.forEach(line -> plain.add(plain(line)));
        return plain;
    }

    private static String plain(String line) {
        return line.indexOf('\u001B') < 0 ? line : ANSI.matcher(line).replaceAll("");
    }

    /**
     * The last {@code count} lines that say something, oldest first: not blank, and not a frame of a
     * stack trace ({@code at x.y(Z.java:1)}, {@code ... 3 more}), so a server that dies of an exception
     * is described by the exception's message rather than by where in its code it happened to be.
     */
    synchronized List<String> lastSaying(int count) {
        ArrayDeque<String> saying = new ArrayDeque<>(count);
        for (var it = lines.descendingIterator(); it.hasNext() && saying.size() < count; ) {
            String line = plain(it.next()).strip();
            if (!line.isEmpty() && !STACK_FRAME.matcher(line).matches()) {
                saying.addFirst(line);
            }
        }
        return List.copyOf(saying);
    }

    /**
     * The first line that reads as an error. A server often says why it failed early and then prints
     * its way out: llama-server ends a missing model file with "terminate called without an active
     * exception" and a busy port with "cleaning up before exit...", each after the line that says why.
     */
    synchronized Optional<String> firstErrorLine() {
        for (String line : lines) {
            String plain = plain(line).strip();
            if (ERROR_WORDS.matcher(plain).find()) {
                return Optional.of(plain);
            }
        }
        return Optional.empty();
    }

    /**
     * {@code last output: <line> | <line> | <line>} (the last {@link #DESCRIBED_LINES} that say
     * something), preceded by {@code first error in its output: <line>} when an earlier line reads as
     * an error ({@code earliest error of its last 20 lines: <line>} once older lines were dropped), or
     * {@code no output}; for the end of an error message, which stays one line.
     */
    synchronized String describe() {
        List<String> last = lastSaying(DESCRIBED_LINES);
        if (last.isEmpty()) {
            return "no output";
        }
        String which = dropped ? "earliest error of its last " + LINES + " lines: " : "first error in its output: ";
        String cause = firstErrorLine().filter(line -> !last.contains(line))
                .map(line -> which + line + "; ").orElse("");
        return cause + "last output: " + String.join(" | ", last);
    }
}
