package dev.swapdeck.proxy;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpAttachments;
import io.undertow.util.HeaderMap;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.xnio.XnioExecutor;
import org.xnio.channels.StreamSinkChannel;

/**
 * The client's side of one forwarded answer, on the exchange's IO thread: the response channel the
 * upstream's body is written to, the piece a slow client has not taken yet, and the response's end.
 * Writes resume whenever something waits for the client; {@code writable} is called when it can take
 * more. A write or flush that fails is the client leaving: {@link Gone}.
 */
final class ClientStream {
    /**
     * How long a sized answer's head waits for its body, to leave with it in one segment: llama-server
     * sends the two apart, a round trip or so from each other; a server that sends its head well before
     * its body has the head reach the client this long after it.
     */
    static final long HEAD_ALONE_MILLIS = 5;

    private final HttpServerExchange exchange;
    private final StreamSinkChannel out;
    private ByteBuffer pending;
    private boolean ending;
    private XnioExecutor.Key headAlone;
    private final ClientStall stall;

    /**
     * {@code continuation}: the response was started by Swapdeck (loading messages); the answer goes on
     * it. {@code stall}: told when the client falls behind, takes some and catches up.
     */
    ClientStream(HttpServerExchange exchange, boolean continuation, Runnable writable, ClientStall stall) {
        this.exchange = exchange;
        this.out = continuation ? ResponseContinuation.channel(exchange) : exchange.getResponseChannel();
        this.stall = stall;
        out.getWriteSetter().set(channel -> writable.run());
    }

    /**
     * A write to the client failed while the upstream was read: the client left, which is no fault of the
     * upstream's (taken for one, a client that abandoned a stream was logged as a server breaking off).
     */
    static final class Gone extends IOException {
        private static final long serialVersionUID = 1L;

        Gone(IOException cause) {
            super(cause);
        }
    }

    /** Writes all of {@code slice}; false when the client is slow: the rest waits for {@link #drained()}. */
    boolean write(ByteBuffer slice) throws Gone {
        try {
            while (slice.hasRemaining()) {
                int taken = out.write(slice);
                if (taken == 0) {
                    pending = slice;
                    out.resumeWrites();
                    stall.behind();
                    return false;
                }
                stall.took(taken);
            }
            return true;
        } catch (IOException e) {
            throw new Gone(e);
        }
    }

    /** Pushes what was written towards the client; false when it must wait for {@link #drained()}. */
    boolean flush() throws Gone {
        if (headAlone != null) {
            headAlone.remove();
            headAlone = null;
        }
        try {
            if (out.flush()) {
                stall.took(1);
                return true;
            }
            out.resumeWrites();
            stall.behind();
            return false;
        } catch (IOException e) {
            throw new Gone(e);
        }
    }

    /** The head was written and its body has not come: it leaves alone in {@link #HEAD_ALONE_MILLIS}, unless a flush comes first. */
    void flushHeadSoon() {
        if (headAlone != null || ending) {
            return;
        }
        try {
            headAlone = exchange.getIoThread().executeAfter(() -> {
                headAlone = null;
                try {
                    if (!ending && pending == null) {
                        flush();
                    }
                } catch (Gone e) {
                    // the client left: the answer's next write finds that out and ends the call
                }
            }, HEAD_ALONE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // the IO thread takes no more tasks: the head leaves with its body
        }
    }

    /** Whether a piece of the answer waits for the client. */
    boolean waiting() {
        return pending != null;
    }

    /** Whether the response's end was written and waits to reach the client. */
    boolean ending() {
        return ending;
    }

    /**
     * When the client can take more: writes and flushes what waited. True when the answer may go on;
     * false while the client is still slow, and once an ending response has reached it (the exchange ends).
     */
    boolean drained() throws Gone {
        if (pending != null && !write(pending)) {
            return false;
        }
        pending = null;
        if (!flush()) {
            return false;
        }
        stall.caughtUp();
        out.suspendWrites();
        if (ending) {
            exchange.endExchange();
            return false;
        }
        return true;
    }

    /**
     * Ends the response, with the upstream's {@code trailers} where it sent any and the response is its
     * own; the exchange ends once the end has reached the client.
     */
    void end(HeaderMap trailers, boolean continuation) throws Gone {
        if (!continuation && trailers != null) {
            exchange.putAttachment(HttpAttachments.RESPONSE_TRAILERS, trailers);
        }
        try {
            out.shutdownWrites();
        } catch (IOException e) {
            throw new Gone(e);
        }
        ending = true;
        if (flush()) {
            exchange.endExchange();
        }
    }
}
