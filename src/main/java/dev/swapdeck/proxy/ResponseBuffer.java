package dev.swapdeck.proxy;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.xnio.channels.StreamSourceChannel;

/**
 * The buffer an upstream's answer is read into, kept in read mode between reads: taken from the
 * exchange's pool at the first read (a call that fails before one takes none), and given back when
 * the call is over. A pooled buffer (16 KiB) holds the usual response head; a larger one (many or
 * long headers) is read into a buffer that doubles up to {@link #MAX_HEAD_BYTES}.
 */
final class ResponseBuffer {
    /** The largest response head passed on; Go's transport takes 10 MB. */
    static final int MAX_HEAD_BYTES = 1024 * 1024;

    private final ByteBufferPool pool;
    private PooledByteBuffer pooled;
    private ByteBuffer buffer;

    ResponseBuffer(ByteBufferPool pool) {
        this.pool = pool;
    }

    /** Reads what {@code source} has after what is buffered: the bytes read, 0 for none now, -1 at its end. */
    int readFrom(StreamSourceChannel source) throws IOException {
        if (buffer == null) {
            pooled = pool.allocate();
            buffer = pooled.getBuffer();
            buffer.flip();
        }
        buffer.compact();
        try {
            return source.read(buffer);
        } finally {
            buffer.flip();
        }
    }

    /**
     * What was read and not used yet; valid until the next {@link #readFrom}, {@link #growWhenFull} or
     * {@link #free}.
     */
    ByteBuffer bytes() {
        return buffer;
    }

    /** Whether bytes are buffered that nothing used: an answer followed by more than it said it had. */
    boolean hasUnused() {
        return buffer != null && buffer.hasRemaining();
    }

    /**
     * Makes room when what is buffered fills the buffer (part of a head too long for it): moves it into
     * one twice as large. False when the buffer is at {@link #MAX_HEAD_BYTES} already.
     */
    boolean growWhenFull() {
        if (buffer.remaining() < buffer.capacity()) {
            return true;
        }
        if (buffer.capacity() >= MAX_HEAD_BYTES) {
            return false;
        }
        ByteBuffer larger = ByteBuffer.allocate(Math.min(2 * buffer.capacity(), MAX_HEAD_BYTES));
        larger.put(buffer).flip();
        free();
        buffer = larger;
        return true;
    }

    /** Gives a pooled buffer back; what was buffered is dropped. */
    void free() {
        if (pooled != null) {
            pooled.close();
            pooled = null;
        }
        buffer = null;
    }
}
