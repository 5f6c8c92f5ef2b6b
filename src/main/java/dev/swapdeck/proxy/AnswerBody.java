package dev.swapdeck.proxy;

import io.undertow.util.HeaderMap;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where an upstream answer's body ends, as its head framed it: after {@code Content-Length} bytes, at
 * the last chunk, or when the upstream closes the connection. Hands out slices of the read buffer,
 * never copies, so each piece can go to the client the moment it is read.
 */
final class AnswerBody {
    private final ChunkedDecoder chunks;
    private long remaining;

    /** The body of an answer whose head says {@code framing} (its Content-Length read only when that frames it). */
    AnswerBody(UpstreamHead head, UpstreamHead.Framing framing) throws IOException {
        this.chunks = framing == UpstreamHead.Framing.CHUNKED ? new ChunkedDecoder() : null;
        this.remaining = switch (framing) {
            case NONE -> 0;
            case LENGTH -> head.contentLength();
            case CHUNKED, UNTIL_CLOSE -> Long.MAX_VALUE;
        };
    }

    /**
     * The next slice of body in {@code in} (read mode; its position moves past the slice), or null when
     * {@code in} holds no more of it.
     */
    ByteBuffer next(ByteBuffer in) throws IOException {
        if (chunks != null) {
            return chunks.next(in);
        }
        if (remaining == 0 || !in.hasRemaining()) {
            return null;
        }
        int size = (int) Math.min(remaining, in.remaining());
        ByteBuffer slice = in.slice();
        slice.limit(size);
        in.position(in.position() + size);
        remaining -= size;
        return slice;
    }

    /** Whether all of the body has been handed out; never for one that ends when the connection does. */
    boolean complete() {
        return chunks != null ? chunks.done() : remaining == 0;
    }

    /** A chunked body's trailers, once {@link #complete}; null when it has none or is not chunked. */
    HeaderMap trailers() {
        return chunks != null && chunks.trailers().size() > 0 ? chunks.trailers() : null;
    }
}
