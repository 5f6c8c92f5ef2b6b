package dev.swapdeck.activity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads a response body as it passes, to learn when its first content came and what it reported
 * it cost ({@link TokenCounts}), without ever holding a byte back: the caller hands over bytes that
 * were already written. An event stream is read line by line (one line kept, at most
 * {@link #MAX_LINE} bytes); a JSON body keeps only its last {@link #TAIL} bytes, where OpenAI and
 * llama.cpp put {@code usage} and {@code timings}; what they say is read by {@link AnswerBytes}. A
 * gzip or deflate body is read from an inflated copy ({@link CompressedBody}); anything else, or
 * another encoding, is only timed.
 *
 * <p>Not thread-safe: one response's writes come one after another.
 */
public final class ResponseWatcher {
    /** How the body is read. */
    public enum Kind { EVENT_STREAM, JSON, OPAQUE }

    static final int MAX_LINE = 256 * 1024;
    static final int TAIL = 64 * 1024;
    /** An event stream's writes are read in pieces of at most this: the line buffer holds one line and one piece. */
    private static final int SLICE = 16 * 1024;
    private static final byte[] NOTHING = new byte[0];
    private static final byte[] DATA = bytes("data:");
    private static final byte[] EVENT = bytes("event:");
    /** llama-server's field for an error after the stream began: {@code error: {...}}. */
    private static final byte[] ERROR = bytes("error:");
    private static final byte[][] ERROR_EVENT = {bytes("error")};
    /** The data of OpenAI's last event: what comes after it is no part of the answer. */
    private static final byte[][] DONE = {bytes("[DONE]")};
    /** The names of Anthropic's and the Responses API's last events. */
    private static final byte[][] LAST_EVENTS = {bytes("message_stop"), bytes("response.completed")};
    /**
     * How the loading messages of a Swapdeck or a llama-swap behind this one begin (SPEC §12,
     * {@code sendLoadingState}): text about a model's start, not its first token.
     */
    private static final byte[][] LOADING_CHUNKS = {bytes("{\"id\":\"swapdeck-loading\""),
        bytes("{\"choices\":[{\"delta\":{\"reasoning_content\":")};

    private final Kind kind;
    /** Inflates a compressed answer's copy for reading; null for one that came plain. */
    private final CompressedBody compressed;
    private long firstByteNanos;
    private long firstContentNanos;
    private TokenCounts counts = TokenCounts.NONE;
    /** The event stream's events that carried content, for a count the server does not report. */
    private int contentEvents;
    /** Whether the event stream's last event went out: a client may close at once, its answer whole. */
    private boolean streamEnded;
    /** The message of the first error the upstream reported in the stream ({@link StreamError}), or null. */
    private String error;
    /** Whether the event being read was named {@code error}: its data is the error. */
    private boolean errorEvent;
    private byte[] buffer;
    private int length;
    private boolean lineTooLong;
    /** When the unfinished line's first byte was written. */
    private long lineStartNanos;
    private long tailWritten;

    public ResponseWatcher(Kind kind) {
        this(kind, null);
    }

    private ResponseWatcher(Kind kind, CompressedBody compressed) {
        this.kind = kind;
        this.compressed = compressed;
        // a JSON body's tail is sized by its first write (most answers come in one): a fixed first
        // buffer was a quarter of all a forwarded chat allocated
        this.buffer = kind == Kind.EVENT_STREAM ? new byte[1024] : NOTHING;
    }

    public Kind kind() {
        return kind;
    }

    /** A watcher for a response with these headers: one compressed as gzip or deflate is read inflated. */
    public static ResponseWatcher of(String contentType, String contentEncoding) {
        if (contentEncoding == null || contentEncoding.equalsIgnoreCase("identity")) {
            return new ResponseWatcher(kindOf(contentType, null));
        }
        Optional<CompressedBody> inflating = CompressedBody.of(contentEncoding);
        Kind kind = inflating.isPresent() ? kindOf(contentType, null) : Kind.OPAQUE;
        return new ResponseWatcher(kind, kind == Kind.OPAQUE ? null : inflating.get());
    }

    /** The kind of body a response with these headers has, read as it comes. */
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
        if (compressed != null) {
            compressed.written(written, from, to, (inflated, start, end) -> read(inflated, start, end, nowNanos));
        } else {
            read(written, from, to, nowNanos);
        }
    }

    private void read(ByteBuffer written, int from, int to, long nowNanos) {
        if (kind == Kind.EVENT_STREAM) {
            for (int at = from; at < to; at += SLICE) {
                readLines(written, at, Math.min(to, at + SLICE), nowNanos);
            }
        } else if (kind == Kind.JSON) {
            appendToTail(written, from, to);
        }
    }

    /** Completes the reading when the response has ended. */
    public Observed finish() {
        if (compressed != null) {
            compressed.end();
        }
        if (kind == Kind.EVENT_STREAM) {
            if (length > 0) {
                endOfLine(0, length, System.nanoTime());
            }
            counts = counts.orCounted(contentEvents);
        } else if (kind == Kind.JSON) {
            byte[] tail = linearTail();
            int end = tailWritten <= buffer.length ? length : tail.length;
            counts = AnswerBytes.reportsIn(tail, 0, end, counts);
        }
        long content = kind == Kind.EVENT_STREAM ? firstContentNanos : firstByteNanos;
        return new Observed(firstByteNanos, content, counts, streamEnded, Optional.ofNullable(error));
    }

    /**
     * Appends the written bytes to the unfinished line with one bulk copy, then reads every line they
     * finish; the unfinished rest moves to the front, and one longer than {@link #MAX_LINE} is dropped
     * up to its end. The first streams after a launch run this interpreted, on the IO thread between
     * two chunks: reading the direct buffers a byte at a time, and each line once per key, took 1.5 ms
     * for a llama-server stream of 11 events there, this 0.25 ms.
     */
    private void readLines(ByteBuffer source, int from, int to, long nowNanos) {
        int count = to - from;
        if (length + count > buffer.length) {
            // a kept line is at most MAX_LINE and a piece at most SLICE, so doubling never needs more
            buffer = Arrays.copyOf(buffer, Math.min(MAX_LINE + SLICE, Math.max(length + count, buffer.length * 2)));
        }
        source.get(from, buffer, length, count);
        if (length == 0 && !lineTooLong) {
            lineStartNanos = nowNanos;
        }
        int scanFrom = length;
        length += count;
        int lineStart = 0;
        for (int i = scanFrom; i < length; i++) {
            if (buffer[i] == '\n') {
                endOfLine(lineStart, i, nowNanos);
                lineTooLong = false;
                lineStart = i + 1;
                lineStartNanos = nowNanos;
            }
        }
        int rest = length - lineStart;
        if (lineTooLong || rest > MAX_LINE) {
            if (!lineTooLong) {
                tooLong(lineStart, length);
            }
            lineTooLong = true;
            length = 0;
        } else {
            System.arraycopy(buffer, lineStart, buffer, 0, rest);
            length = rest;
        }
    }

    /**
     * A line grew past {@link #MAX_LINE} and is dropped; only its first part, in the buffer from
     * {@code start} to {@code end}, is read: for content, which an event starts with (its
     * {@code delta}), before the hundreds of KB of {@code logprobs} that make such an event long. It
     * counts from when the line began.
     */
    private void tooLong(int start, int end) {
        if (AnswerBytes.startsWith(buffer, start, end, DATA) && AnswerBytes.carriesContent(buffer, start, end) && !loadingChunk(buffer, start, end)) {
            if (firstContentNanos == 0) {
                firstContentNanos = lineStartNanos;
            }
            contentEvents++;
        }
    }

    /** Reads the line from {@code start} to {@code end} of the buffer (a final CR left out), unless it was too long. */
    private void endOfLine(int start, int end, long nowNanos) {
        int stop = end > start && buffer[end - 1] == '\r' ? end - 1 : end;
        if (!lineTooLong && end - start > MAX_LINE) {
            tooLong(start, end);
        }
        if (lineTooLong || end - start > MAX_LINE) {
            return;
        }
        if (start == stop) {
            errorEvent = false; // the event is over
            return;
        }
        if (AnswerBytes.startsWith(buffer, start, stop, EVENT)) {
            streamEnded |= valueIsOneOf(buffer, start + EVENT.length, stop, LAST_EVENTS);
            errorEvent = valueIsOneOf(buffer, start + EVENT.length, stop, ERROR_EVENT);
            return;
        }
        if (AnswerBytes.startsWith(buffer, start, stop, ERROR)) {
            reportedError(start + ERROR.length, stop);
            return;
        }
        if (!AnswerBytes.startsWith(buffer, start, stop, DATA)) {
            return;
        }
        if (errorEvent || StreamError.isErrorObject(buffer, start + DATA.length, stop)) {
            reportedError(start + DATA.length, stop);
            return;
        }
        if (valueIsOneOf(buffer, start + DATA.length, stop, DONE)) {
            streamEnded = true;
            return;
        }
        if (AnswerBytes.carriesContent(buffer, start, stop) && !loadingChunk(buffer, start, stop)) {
            if (firstContentNanos == 0) {
                firstContentNanos = nowNanos;
            }
            contentEvents++;
        }
        counts = AnswerBytes.reportsIn(buffer, start, stop, counts);
    }

    /** The JSON from {@code from} to {@code end} is an error the upstream reported; the first one is kept. */
    private void reportedError(int from, int end) {
        if (error == null) {
            error = StreamError.messageOf(buffer, from, end);
        }
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

    /** Whether the field value from {@code from} to {@code end}, after its optional space, is one of {@code values}. */
    private static boolean valueIsOneOf(byte[] line, int from, int end, byte[][] values) {
        int value = from < end && line[from] == ' ' ? from + 1 : from;
        for (byte[] one : values) {
            if (end - value == one.length && AnswerBytes.keyAt(line, end, value, one)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the {@code data:} line from {@code start} to {@code end} is a loading message of a server behind this one. */
    private static boolean loadingChunk(byte[] line, int start, int end) {
        int json = start + DATA.length;
        while (json < end && line[json] == ' ') {
            json++;
        }
        for (byte[] prefix : LOADING_CHUNKS) {
            if (AnswerBytes.startsWith(line, json, end, prefix)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * What was seen: when the first body byte and the first content went out ({@link System#nanoTime},
     * 0 when never), the reported costs, and whether an event stream's last event ({@code data: [DONE]},
     * {@code event: message_stop}, {@code event: response.completed}) went out, and the message of an
     * error the upstream reported inside an event stream ({@link StreamError}).
     */
    public record Observed(long firstByteNanos, long firstContentNanos, TokenCounts counts, boolean streamEnded,
                           Optional<String> error) {
    }
}
