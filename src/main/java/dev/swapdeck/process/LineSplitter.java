package dev.swapdeck.process;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts a child's byte stream into lines the way a terminal user would see them: {@code \n},
 * {@code \r\n} and a lone {@code \r} (progress bars) each end a line. Bytes are decoded as UTF-8
 * (malformed input becomes U+FFFD) and a line longer than the cap is cut there and marked, so a child
 * that never prints a newline cannot make Swapdeck buffer without bound. Not thread-safe: one reader.
 */
final class LineSplitter {
    static final String TRUNCATED_MARK = " [line truncated]";

    private final Consumer<String> sink;
    private final byte[] line;
    private int length;
    private boolean truncated;
    private boolean afterCarriageReturn;

    LineSplitter(int maxLineBytes, Consumer<String> sink) {
        this.line = new byte[maxLineBytes];
        this.sink = sink;
    }

    void feed(byte[] bytes, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                if (!afterCarriageReturn) {
                    emit();
                }
                afterCarriageReturn = false;
            } else if (b == '\r') {
                if (length > 0 || truncated) {
                    emit();
                }
                afterCarriageReturn = true;
            } else {
                afterCarriageReturn = false;
                if (length < line.length) {
                    line[length++] = b;
                } else {
                    truncated = true;
                }
            }
        }
    }

    /** Emits what is left when the stream ends without a final newline. */
    void finish() {
        if (length > 0 || truncated) {
            emit();
        }
    }

    private void emit() {
        String text = new String(line, 0, length, StandardCharsets.UTF_8);
        sink.accept(truncated ? text + TRUNCATED_MARK : text);
        length = 0;
        truncated = false;
    }
}
