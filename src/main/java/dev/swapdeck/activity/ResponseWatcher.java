package dev.swapdeck.activity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads a response body as it passes, to learn when its first content came and what it reported
 * it cost ({@link TokenCounts}), without ever holding a byte back: the caller hands over bytes that
 * were already written. An event stream is read line by line (one line kept, at most
 * {@link #MAX_LINE} bytes); a JSON body keeps only its last {@link #TAIL} bytes, where OpenAI and
 * llama.cpp put {@code usage} and {@code timings}. Anything else (or a compressed body) is only timed.
 *
 * <p>Not thread-safe: one response's writes come one after another.
 */
public final class ResponseWatcher {
    /** How the body is read. */
    public enum Kind { EVENT_STREAM, JSON, OPAQUE }

    static final int MAX_LINE = 256 * 1024;
    static final int TAIL = 64 * 1024;
    private static final byte[] DATA = bytes("data:");
    private static final byte[] USAGE = bytes("\"usage\"");
    private static final byte[] TIMINGS = bytes("\"timings\"");
    private static final byte[][] CONTENT_KEYS = {bytes("\"content\""), bytes("\"text\""),
        bytes("\"reasoning_content\""), bytes("\"delta\"")};

    private final Kind kind;
    private long firstByteNanos;
    private long firstContentNanos;
    private TokenCounts counts = TokenCounts.NONE;
    private byte[] buffer;
    private int length;
    private boolean lineTooLong;
    private long tailWritten;

    public ResponseWatcher(Kind kind) {
        this.kind = kind;
        this.buffer = new byte[kind == Kind.JSON ? 4096 : kind == Kind.EVENT_STREAM ? 1024 : 0];
    }

    public Kind kind() {
        return kind;
    }

    /** The kind of body a response with these headers has. */
    public static Kind kindOf(String contentType, String contentEncoding) {
        if (contentType == null || (contentEncoding != null && !contentEncoding.equalsIgnoreCase("identity"))) {
            return Kind.OPAQUE;
        }
        if (startsWithIgnoringCase(contentType, "text/event-stream")) {
            return Kind.EVENT_STREAM;
        }
        return startsWithIgnoringCase(contentType, "application/json") ? Kind.JSON : Kind.OPAQUE;
    }

    /** Asked of every response: compares in place rather than lower-casing a copy of the header. */
    private static boolean startsWithIgnoringCase(String text, String prefix) {
        return text.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    /** Bytes {@code from} (inclusive) to {@code to} (exclusive) of {@code written} just went out. */
    public void written(ByteBuffer written, int from, int to, long nowNanos) {
        if (from >= to) {
            return;
        }
        if (firstByteNanos == 0) {
            firstByteNanos = nowNanos;
        }
        if (kind == Kind.EVENT_STREAM) {
            int start = from;
            for (int i = from; i < to; i++) {
                if (written.get(i) == '\n') {
                    appendToLine(written, start, i);
                    endOfLine(nowNanos);
                    start = i + 1;
                }
            }
            appendToLine(written, start, to);
        } else if (kind == Kind.JSON) {
            appendToTail(written, from, to);
        }
    }

    /** Completes the reading when the response has ended. */
    public Observed finish() {
        if (kind == Kind.EVENT_STREAM && length > 0) {
            endOfLine(System.nanoTime());
        } else if (kind == Kind.JSON) {
            byte[] tail = linearTail();
            int end = tailWritten <= buffer.length ? length : tail.length;
            counts = counts.merge(valueAfter(tail, end, USAGE), valueAfter(tail, end, TIMINGS));
        }
        long content = kind == Kind.EVENT_STREAM ? firstContentNanos : firstByteNanos;
        return new Observed(firstByteNanos, content, counts);
    }

    private void appendToLine(ByteBuffer source, int from, int to) {
        int count = to - from;
        if (lineTooLong || count <= 0) {
            return;
        }
        if (length + count > MAX_LINE) {
            lineTooLong = true;
            return;
        }
        if (length + count > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(MAX_LINE, Math.max(length + count, buffer.length * 2)));
        }
        source.get(from, buffer, length, count);
        length += count;
    }

    private void endOfLine(long nowNanos) {
        int end = length > 0 && buffer[length - 1] == '\r' ? length - 1 : length;
        if (!lineTooLong && startsWith(buffer, end, DATA)) {
            if (firstContentNanos == 0 && carriesContent(buffer, end)) {
                firstContentNanos = nowNanos;
            }
            Map<String, Double> usage = valueAfter(buffer, end, USAGE);
            Map<String, Double> timings = valueAfter(buffer, end, TIMINGS);
            if (usage != null || timings != null) {
                counts = counts.merge(usage, timings);
            }
        }
        length = 0;
        lineTooLong = false;
    }

    /** Keeps the last {@link #TAIL} bytes: grows up to it, then overwrites the oldest as a ring. */
    private void appendToTail(ByteBuffer source, int from, int to) {
        int count = to - from;
        if (tailWritten + count <= TAIL) {
            if (tailWritten + count > buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(TAIL, Math.max(tailWritten + count, buffer.length * 2L)));
            }
            source.get(from, buffer, length, count);
            length += count;
            tailWritten += count;
            return;
        }
        if (buffer.length < TAIL) {
            buffer = Arrays.copyOf(buffer, TAIL);
            length = TAIL;
        }
        int skip = Math.max(0, count - TAIL);
        tailWritten += skip;
        for (int i = from + skip; i < to; ) {
            int at = (int) (tailWritten % TAIL);
            int run = Math.min(TAIL - at, to - i);
            source.get(i, buffer, at, run);
            i += run;
            tailWritten += run;
        }
    }

    /** The kept tail in order: the buffer itself until it has wrapped around, then a copy. */
    private byte[] linearTail() {
        if (tailWritten <= buffer.length) {
            return buffer;
        }
        int start = (int) (tailWritten % TAIL);
        byte[] ordered = new byte[TAIL];
        System.arraycopy(buffer, start, ordered, 0, TAIL - start);
        System.arraycopy(buffer, 0, ordered, TAIL - start, start);
        return ordered;
    }

    /** Whether an event has a non-empty string under one of the keys that carry generated text. */
    private static boolean carriesContent(byte[] line, int end) {
        for (byte[] key : CONTENT_KEYS) {
            for (int at = indexOf(line, end, key, 0); at >= 0; at = indexOf(line, end, key, at + 1)) {
                int value = valueStart(line, end, at + key.length);
                if (value >= 0 && value + 1 < end && line[value] == '"' && line[value + 1] != '"') {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The numbers of {@link TokenCounts#FIELDS} directly in the object after the last occurrence of
     * {@code key}, or null when it is absent, null or unreadable.
     */
    private static Map<String, Double> valueAfter(byte[] bytes, int end, byte[] key) {
        int at = lastIndexOf(bytes, end, key);
        int value = at < 0 ? -1 : valueStart(bytes, end, at + key.length);
        if (value < 0 || bytes[value] != '{') {
            return null;
        }
        return FlatNumbers.read(bytes, value, end, TokenCounts.FIELDS);
    }

    /** Index of the first byte of the value after a key ending at {@code from}, or -1. */
    private static int valueStart(byte[] bytes, int end, int from) {
        int i = skipSpaces(bytes, end, from);
        if (i >= end || bytes[i] != ':') {
            return -1;
        }
        i = skipSpaces(bytes, end, i + 1);
        return i < end ? i : -1;
    }

    private static int skipSpaces(byte[] bytes, int end, int from) {
        int i = from;
        while (i < end && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r')) {
            i++;
        }
        return i;
    }

    private static boolean startsWith(byte[] bytes, int end, byte[] prefix) {
        if (end < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] bytes, int end, byte[] key, int from) {
        outer:
        for (int i = from; i <= end - key.length; i++) {
            for (int k = 0; k < key.length; k++) {
                if (bytes[i + k] != key[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int lastIndexOf(byte[] bytes, int end, byte[] key) {
        for (int i = end - key.length; i >= 0; i--) {
            if (bytes[i] == key[0] && Arrays.equals(bytes, i, i + key.length, key, 0, key.length)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * What was seen: when the first body byte and the first content went out ({@link System#nanoTime},
     * 0 when never), and the reported costs.
     */
    public record Observed(long firstByteNanos, long firstContentNanos, TokenCounts counts) {
    }
}
