package dev.swapdeck.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * The text a live feed has produced and its client has not taken yet. It holds memory only while
 * something is unsent: once everything is written, or the feed ends, the bytes are let go, and the
 * channel only ever sees a 16 KiB copy, so a feed that started with a 100 KB history does not keep
 * it for as long as its connection object lives (Undertow keeps a closed connection until its idle
 * timer fires, 120 s, and its response channel keeps the last buffer it was given). Used on one IO
 * thread.
 */
final class PendingBytes {
    private static final ByteBuffer NONE = ByteBuffer.allocate(0);
    /**
     * What a write hands the channel: a copy of the next piece, in a buffer each IO thread reuses. A
     * response channel keeps a reference to the last buffer it was given for as long as its
     * connection object lives (120 s after a client leaves), so it must never be the whole history.
     */
    private static final int PIECE = 16 * 1024;
    private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(() -> ByteBuffer.allocate(PIECE));

    private ByteBuffer pending = NONE;

    void append(String text) {
        if (text.isEmpty()) {
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (!pending.hasRemaining()) {
            pending = ByteBuffer.wrap(bytes);
            return;
        }
        ByteBuffer joined = ByteBuffer.allocate(pending.remaining() + bytes.length);
        joined.put(pending).put(bytes).flip();
        pending = joined;
    }

    /** Writes what {@code channel} takes now; returns whether anything was written. */
    boolean writeTo(WritableByteChannel channel) throws IOException {
        boolean wrote = false;
        ByteBuffer piece = SCRATCH.get();
        while (pending.hasRemaining()) {
            piece.clear();
            int length = Math.min(piece.remaining(), pending.remaining());
            piece.put(pending.array(), pending.arrayOffset() + pending.position(), length).flip();
            int written = channel.write(piece);
            pending.position(pending.position() + written);
            if (written < length) {
                wrote |= written > 0;
                break;
            }
            wrote = true;
        }
        if (!pending.hasRemaining()) {
            pending = NONE;
        }
        return wrote;
    }

    int unsent() {
        return pending.remaining();
    }

    /** The bytes held, sent or not: what this costs in memory. */
    int held() {
        return pending.capacity();
    }

    void release() {
        pending = NONE;
    }
}
