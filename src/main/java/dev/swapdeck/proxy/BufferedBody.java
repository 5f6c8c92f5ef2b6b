package dev.swapdeck.proxy;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.util.ImmediatePooledByteBuffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A request body held in memory as the chunks it was read into (no doubling copies while it grows).
 * A body whose length was declared is one exact chunk, so {@link #bytes()} costs nothing for it.
 */
final class BufferedBody {
    private final List<ByteBuffer> chunks;
    private final long length;

    BufferedBody(List<ByteBuffer> chunks) {
        this.chunks = List.copyOf(chunks);
        long sum = 0;
        for (ByteBuffer chunk : this.chunks) {
            sum += chunk.remaining();
        }
        this.length = sum;
    }

    static BufferedBody of(byte[] bytes) {
        return new BufferedBody(List.of(ByteBuffer.wrap(bytes)));
    }

    long length() {
        return length;
    }

    /** The body as one array: the chunk itself when there is exactly one that fills its array. */
    byte[] bytes() {
        if (chunks.size() == 1 && chunks.get(0).arrayOffset() == 0 && chunks.get(0).position() == 0
                && chunks.get(0).remaining() == chunks.get(0).array().length) {
            return chunks.get(0).array();
        }
        byte[] all = new byte[Math.toIntExact(length)];
        int at = 0;
        for (ByteBuffer chunk : chunks) {
            chunk.duplicate().get(all, at, chunk.remaining());
            at += chunk.remaining();
        }
        return all;
    }

    /** Views of the non-empty chunks, each with its own position: for a gathering write. */
    ByteBuffer[] views() {
        List<ByteBuffer> views = new ArrayList<>(chunks.size());
        for (ByteBuffer chunk : chunks) {
            if (chunk.hasRemaining()) {
                views.add(chunk.duplicate());
            }
        }
        return views.toArray(new ByteBuffer[0]);
    }

    /** Views of the chunks, to be put back as the exchange's unread request body. */
    PooledByteBuffer[] asPooledBuffers() {
        ByteBuffer[] views = views();
        PooledByteBuffer[] pooled = new PooledByteBuffer[views.length];
        for (int i = 0; i < views.length; i++) {
            pooled[i] = new ImmediatePooledByteBuffer(views[i]);
        }
        return pooled;
    }
}
