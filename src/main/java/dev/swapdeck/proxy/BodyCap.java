package dev.swapdeck.proxy;

import io.undertow.server.ConduitWrapper;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.ConduitFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.StreamSourceConduit;

/**
 * A hard ceiling on how many body bytes one request may deliver, whoever reads them, counted exactly.
 * Undertow's own {@code MAX_ENTITY_SIZE} cannot serve: for a chunked body it counts a whole chunk as
 * soon as the chunk's header arrives and then drops the connection before anyone can answer 413, and
 * it cannot be changed per route. So the listener runs without it and every request gets this cap:
 * a read past it fails with {@link RequestTooBigException}.
 */
final class BodyCap extends AbstractStreamSourceConduit<StreamSourceConduit> {
    private final long cap;
    private long delivered;

    private BodyCap(StreamSourceConduit next, long cap) {
        super(next);
        this.cap = cap;
    }

    /** Caps {@code exchange}'s request body at {@code cap} bytes; call before anything reads it. */
    static void apply(HttpServerExchange exchange, long cap) {
        exchange.addRequestWrapper(wrapper(cap));
    }

    private static ConduitWrapper<StreamSourceConduit> wrapper(long cap) {
        return (ConduitFactory<StreamSourceConduit> factory, HttpServerExchange exchange) -> new BodyCap(factory.create(), cap);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return (int) count(super.read(dst));
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return count(super.read(dsts, offset, length));
    }

    @Override
    public long transferTo(long position, long count, FileChannel target) throws IOException {
        return count(super.transferTo(position, count, target));
    }

    @Override
    public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
        return count(super.transferTo(count, throughBuffer, target));
    }

    private long count(long read) throws IOException {
        if (read > 0) {
            delivered += read;
            if (delivered > cap) {
                throw new RequestTooBigException("the request body is larger than " + cap + " bytes");
            }
        }
        return read;
    }
}
