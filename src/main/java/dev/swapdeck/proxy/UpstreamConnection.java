package dev.swapdeck.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.xnio.IoUtils;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.conduits.ConduitStreamSinkChannel;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * One plain-TCP connection to an upstream, used by one exchange at a time on its IO thread.
 *
 * <p>llama-server writes a response's head and body in two writes without TCP_NODELAY, so the body
 * waits until the head is acknowledged; on a reused connection Linux delays that ACK by ~40 ms. A
 * connection that can {@link #quickAck()} (Linux, socket reachable) acknowledges at once after every
 * read that leaves an answer incomplete, and may be reused; one that cannot is used for one exchange only (a fresh loopback connection
 * costs ~0.1 ms and starts in quick-ACK mode).
 *
 * <p>When the upstream ends the connection first (it exits, or its keep-alive times out), Swapdeck's
 * side is reset rather than closed: the side that closes first keeps the connection's TIME_WAIT for a
 * minute, and answering its close with our own would leave it on the upstream's port, where the next
 * server that binds without SO_REUSEADDR (llama-server after the demo's JDK server, seen by hand) is
 * refused. A reset leaves no TIME_WAIT on either side. A connection Swapdeck ends after an event
 * stream is reset too ({@link #reset}): llama-server may be closing it at that very moment.
 */
final class UpstreamConnection {
    /** An empty line: what an HTTP server ignores before a request line (RFC 9112 §2.2). */
    private static final byte[] EMPTY_LINE = {'\r', '\n'};

    final StreamConnection stream;
    private final QuickAck quickAck;
    private long idleSinceNanos;
    private boolean endedByUpstream;

    UpstreamConnection(StreamConnection stream) {
        this.stream = stream;
        this.quickAck = QuickAck.of(stream);
    }

    ConduitStreamSourceChannel source() {
        return stream.getSourceChannel();
    }

    ConduitStreamSinkChannel sink() {
        return stream.getSinkChannel();
    }

    boolean canQuickAck() {
        return quickAck != null;
    }

    /** Acknowledges what was read at once and leaves delayed-ACK mode; cheap (one setsockopt). */
    void quickAck() {
        if (quickAck != null && !quickAck.ack()) {
            close();
        }
    }

    boolean isOpen() {
        return stream.isOpen();
    }

    void idleSince(long nanos) {
        idleSinceNanos = nanos;
    }

    long idleSinceNanos() {
        return idleSinceNanos;
    }

    /** The upstream closed its side (its end of stream was read): {@link #close} resets ours. */
    void endedByUpstream() {
        endedByUpstream = true;
    }

    /**
     * After the upstream's close was read with no answer: whether it had reset the connection too. A
     * server's kernel answers data that reaches a socket already closed with a reset, so a reset here
     * means the request written on this connection came after the close and was never read; a
     * server that read it and then died closed without one. An empty line is written to find out: the
     * write fails once a reset came (on loopback it comes within the request's own write). Only on
     * this failure path, never per request.
     */
    boolean resetAfterClose() {
        try {
            sink().write(ByteBuffer.wrap(EMPTY_LINE));
            return false;
        } catch (IOException e) {
            return PeerReset.said(e);
        }
    }

    /**
     * Ends the connection with a reset, whoever closes first. After an event stream llama-server closes
     * its side too, and when its close and ours cross (a simultaneous close) each side keeps a
     * TIME_WAIT, one of them on the server's port; a reset leaves none on either side.
     */
    void reset() {
        if (stream.isOpen()) {
            try {
                stream.setOption(Options.CLOSE_ABORT, true);
            } catch (IOException | RuntimeException e) {
                // closed normally below; a TIME_WAIT may then stay on the upstream's port
            }
        }
        IoUtils.safeClose(stream);
    }

    /** Closes the connection: with a reset once the upstream closed its side ({@link #endedByUpstream}). */
    void close() {
        if (endedByUpstream) {
            reset();
        } else {
            IoUtils.safeClose(stream);
        }
    }
}
