package dev.swapdeck.process;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Cuts a child's byte stream into lines: {@code \n}, {@code \r\n} and a lone {@code \r} each end a
 * line. Bytes are decoded as UTF-8 (malformed input becomes U+FFFD) and a line longer than the cap
 * is cut there, at a character's start, and marked with the count of bytes left out, so a child
 * that never prints a newline cannot make Swapdeck buffer without bound.
 *
 * <p>A line that begins after a lone {@code \r} and ends with another is a <em>frame</em>: a
 * progress bar redrawing itself (tqdm, curl, a download), which a terminal shows as one line
 * updating in place. Frames come 10 to 50 times a second and would make as many lines, so at most
 * one per {@link #FRAME_NANOS} is passed on; one in between is superseded by whatever the child
 * prints next, as on a terminal, or passed on once that spacing is over ({@link #heldFrameDue}) or at
 * the output's end. A bar's last state, ended by a newline, is an ordinary line. Not thread-safe: one
 * reader.
 */
final class LineSplitter {
    static final String TRUNCATED_MARK = " [line truncated: %,d more bytes]";
    /** The shortest spacing of the frames passed on. */
    static final long FRAME_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Receives each line; {@code frame} says whether it redraws the frame before it (see above). */
    interface Sink {
        void line(String text, boolean frame);
    }

    private final Sink sink;
    private final LongSupplier nanoClock;
    private final byte[] line;
    private int length;
    private long cutBytes;
    /** A {@code \r} was read and the byte after it decides whether it was lone. */
    private boolean carriageReturn;
    /** A {@code \r} ended a read: a {@code \n} opening the next read belongs to it. */
    private boolean skipNewline;
    /** The line being read began after a lone {@code \r}. */
    private boolean redrawn;
    private String heldFrame;
    private long lastFrameAt;

    LineSplitter(int maxLineBytes, Sink sink) {
        this(maxLineBytes, sink, System::nanoTime);
    }

    LineSplitter(int maxLineBytes, Sink sink, LongSupplier nanoClock) {
        this.line = new byte[maxLineBytes];
        this.sink = sink;
        this.nanoClock = nanoClock;
        this.lastFrameAt = nanoClock.getAsLong() - FRAME_NANOS;
    }

    void feed(byte[] bytes, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            byte b = bytes[i];
            if (skipNewline) {
                skipNewline = false;
                if (b == '\n') {
                    // the \r\n came in two reads: the frame it ended was the bar's last state, a line
                    redrawn = false;
                    passHeldFrame(false);
                    continue;
                }
            }
            if (carriageReturn) {
                carriageReturn = false;
                if (b == '\n') {
                    end(false, true);
                    continue;
                }
                endAtLoneCarriageReturn();
            }
            if (b == '\n') {
                end(false, true);
            } else if (b == '\r') {
                carriageReturn = true;
            } else if (length < line.length) {
                line[length++] = b;
            } else {
                cutBytes++;
            }
        }
        if (carriageReturn) {
            // a bar that redraws itself with a trailing \r is shown now, not at its next redraw
            carriageReturn = false;
            endAtLoneCarriageReturn();
            skipNewline = true;
        }
    }

    /** Passes on what is left when the stream ends: a held frame, or text without a final newline. */
    void finish() {
        if (length > 0 || cutBytes > 0) {
            end(false, false);
        } else {
            passHeldFrame(true);
        }
    }

    /** Whether a frame was held back (see {@link #heldFrameDue}). */
    boolean holdsFrame() {
        return heldFrame != null;
    }

    /**
     * When the frame held back may be passed on, on {@code nanoClock}'s scale: a child that goes quiet
     * after it gets it shown then, not at its next output.
     */
    long heldFrameDue() {
        return lastFrameAt + FRAME_NANOS;
    }

    /** Passes on the frame held back, if any; {@code frame}: as a frame, else as the line that ends the bar. */
    void passHeldFrame(boolean frame) {
        if (heldFrame != null) {
            lastFrameAt = nanoClock.getAsLong();
            sink.line(heldFrame, frame);
            heldFrame = null;
        }
    }

    private void endAtLoneCarriageReturn() {
        if (length > 0 || cutBytes > 0) {
            end(redrawn, false);
        }
        redrawn = true;
    }

    /** Ends the line read so far; an empty one is passed on only when {@code evenEmpty}. */
    private void end(boolean frame, boolean evenEmpty) {
        boolean newline = !frame && evenEmpty;
        if (length == 0 && cutBytes == 0 && !evenEmpty) {
            return;
        }
        String text = text();
        length = 0;
        cutBytes = 0;
        if (newline) {
            redrawn = false;
        }
        heldFrame = null;
        if (!frame) {
            sink.line(text, false);
            return;
        }
        long now = nanoClock.getAsLong();
        if (now - lastFrameAt >= FRAME_NANOS) {
            lastFrameAt = now;
            sink.line(text, true);
        } else {
            heldFrame = text;
        }
    }

    /** The line's text, a cut one ending before the character the cut fell in. */
    private String text() {
        if (cutBytes == 0) {
            return new String(line, 0, length, StandardCharsets.UTF_8);
        }
        int whole = wholeCharacters(line, length);
        long left = cutBytes + (length - whole);
        return new String(line, 0, whole, StandardCharsets.UTF_8) + String.format(Locale.ROOT, TRUNCATED_MARK, left);
    }

    /** How many of the first {@code length} bytes end on a UTF-8 character's end. */
    static int wholeCharacters(byte[] bytes, int length) {
        int start = length - 1;
        while (start >= 0 && length - start < 4 && (bytes[start] & 0xC0) == 0x80) {
            start--;
        }
        if (start < 0) {
            return length;
        }
        int lead = bytes[start] & 0xFF;
        int size = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return length - start < size ? start : length;
    }
}
