package dev.swapdeck.proxy;

import io.undertow.server.AbstractServerConnection;
import io.undertow.server.ConduitWrapper;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.AttachmentKey;
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
 *
 * <p>After a 413 the cap is raised once ({@link #discardAfterRefusal}), so that Undertow, which reads
 * and throws away an unread body before it takes the next request, can drain the rest: a client
 * that sends the whole body before it reads (Java's HttpClient, Python's) then gets the 413. Closing
 * at once would reset the connection with its body unread, and the reset often destroys the answer
 * before the client reads it. This is nginx's lingering close, bounded in bytes instead of seconds.
 */
final class BodyCap extends AbstractStreamSourceConduit<StreamSourceConduit> {
    private static final AttachmentKey<long[]> CAP = AttachmentKey.create(long[].class);
    /** What a refused body may still deliver to be thrown away, at least: enough for any small one. */
    private static final long LEAST_DISCARD = 1024 * 1024;

    private final long[] cap;
    private final HttpServerExchange exchange;
    private long delivered;
    private QuickAck quickAck;
    private boolean quickAckSought;

    private BodyCap(StreamSourceConduit next, long[] cap, HttpServerExchange exchange) {
        super(next);
        this.cap = cap;
        this.exchange = exchange;
    }

    /**
     * Caps {@code exchange}'s request body at {@code readable} bytes, for a route whose limit is
     * {@code limit} (a reader that reads one byte past the limit to know it was passed gets one
     * more); call before anything reads it.
     */
    static void apply(HttpServerExchange exchange, long limit, long readable) {
        long[] holder = {readable, limit};
        exchange.putAttachment(CAP, holder);
        exchange.addRequestWrapper(wrapper(holder));
    }

    /** The body limit of {@code exchange}'s route, as {@link #apply} was told; unlimited if none was. */
    static long limit(HttpServerExchange exchange) {
        long[] holder = exchange.getAttachment(CAP);
        return holder == null ? Long.MAX_VALUE : holder[1];
    }

    /**
     * Lets a body refused for passing {@code limit} deliver up to {@code limit} more bytes (at least
     * 1 MiB) to be discarded: a body up to about twice the limit is drained and its connection kept;
     * past that the read fails and Undertow closes the connection. Call before answering the 413.
     */
    static void discardAfterRefusal(HttpServerExchange exchange, long limit) {
        long[] holder = exchange.getAttachment(CAP);
        if (holder != null) {
            holder[0] = Math.max(holder[0], limit + Math.max(limit, LEAST_DISCARD));
        }
    }

    private static ConduitWrapper<StreamSourceConduit> wrapper(long[] cap) {
        return (ConduitFactory<StreamSourceConduit> factory, HttpServerExchange exchange) -> new BodyCap(factory.create(), cap, exchange);
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
        return count(super.transferTo(position, clamp(count), target));
    }

    @Override
    public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
        return count(super.transferTo(clamp(count), throughBuffer, target));
    }

    /** A transfer may move any amount in one call (a drain asks for all): never more than one byte past the cap. */
    private long clamp(long count) {
        return Math.min(count, Math.max(1, cap[0] + 1 - delivered));
    }

    private long count(long read) throws IOException {
        if (read > 0) {
            delivered += read;
            if (delivered > cap[0]) {
                throw new RequestTooBigException("the request body is larger than " + cap[0] + " bytes");
            }
        } else if (read == 0) {
            acknowledgeClient();
        }
        return read;
    }

    /** More of the body is due and none has come: the client may be waiting for our ACK to send it. */
    private void acknowledgeClient() {
        if (!quickAckSought) {
            quickAckSought = true;
            quickAck = exchange.getConnection() instanceof AbstractServerConnection connection
                    ? QuickAck.of(connection.getChannel()) : null;
        }
        if (quickAck != null) {
            quickAck.ack();
        }
    }
}
