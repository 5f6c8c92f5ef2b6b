package dev.swapdeck.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

/**
 * One IO thread's idle connections to one upstream; only that thread touches them.
 *
 * <p>llama-server serves each open connection on one of its few HTTP threads (three with one slot on
 * a 2-core machine: {@code max(n_parallel + 2, cores - 1)}) for as long as it stays open, idle or not,
 * and a connection beyond them waits for its 5 s keep-alive timeout. Measured on llama-server: with
 * three idle connections held, a fresh request took 5.0 s instead of 2 ms. So connections are kept
 * only as long as they are reused: this thread's newest idle connection (its keeper) waits up to
 * {@link UpstreamPool#IDLE_TTL_NANOS} for the next request, every other one is closed once it has been
 * idle for {@link #SPARE_NANOS}, which steady traffic never reaches. A quiet Swapdeck holds one per IO
 * thread ({@link ProxyOptions#DEFAULT_IO_THREADS}): each thread needs its own, because the server
 * hands every new client connection to an IO thread at random, and a client that opens a connection
 * per request would otherwise find the keeper on the other thread half of the time.
 */
final class IdleConnections {
    /** How long an idle connection other than this thread's newest is kept. */
    static final long SPARE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final XnioIoThread thread;
    private final ArrayDeque<UpstreamConnection> connections = new ArrayDeque<>();
    private XnioExecutor.Key sweep;
    /** A connection to replace one the upstream closes is being opened ({@link UpstreamPool#replaceAfterClose}). */
    private boolean replacing;
    /** Whether the next sweep is far off: no spare connection here when it was planned. */
    private boolean sweepFarOff;

    IdleConnections(XnioIoThread thread) {
        this.thread = thread;
    }

    /** The most recently kept open connection used within the TTL, or null; stale ones are closed. */
    UpstreamConnection take(long nowNanos) {
        for (UpstreamConnection connection = connections.pollLast(); connection != null; connection = connections.pollLast()) {
            if (connection.isOpen() && nowNanos - connection.idleSinceNanos() < UpstreamPool.IDLE_TTL_NANOS) {
                // its read stays armed: the taker sets its own listener (no epoll change per request)
                return connection;
            }
            connection.close();
        }
        return null;
    }

    /** Keeps {@code connection} for the next exchange of this thread. */
    void keep(UpstreamConnection connection, long nowNanos) {
        connection.idleSince(nowNanos);
        connection.source().getReadSetter().set(channel -> dropIfClosed(connection));
        connection.source().resumeReads();
        connections.addLast(connection);
        if (sweep == null || sweepFarOff) {
            planSweep(SPARE_NANOS);
        }
    }

    int size() {
        return connections.size();
    }

    /** Marks a replacement connection as being opened; false when one already is. */
    boolean startReplacing() {
        if (replacing) {
            return false;
        }
        replacing = true;
        return true;
    }

    /** The replacement connection is open (and kept, or closed) or failed to open. */
    void replaced() {
        replacing = false;
    }

    void closeAll() {
        if (sweep != null) {
            sweep.remove();
            sweep = null;
        }
        for (UpstreamConnection connection = connections.poll(); connection != null; connection = connections.poll()) {
            connection.close();
        }
    }

    private void planSweep(long delayNanos) {
        if (sweep != null) {
            sweep.remove();
        }
        sweepFarOff = delayNanos > SPARE_NANOS;
        try {
            sweep = thread.executeAfter(this::sweep, Math.max(1, TimeUnit.NANOSECONDS.toMillis(delayNanos)),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            sweep = null;
            closeAll(); // the IO thread is stopping: nothing will reuse these
        }
    }

    /** Closes what has been idle too long; plans the next sweep for the earliest of the rest. */
    private void sweep() {
        sweep = null;
        long now = System.nanoTime();
        long next = Long.MAX_VALUE;
        UpstreamConnection keeper = connections.peekLast();
        for (Iterator<UpstreamConnection> it = connections.iterator(); it.hasNext(); ) {
            UpstreamConnection connection = it.next();
            long limit = connection == keeper ? UpstreamPool.IDLE_TTL_NANOS : SPARE_NANOS;
            long idle = now - connection.idleSinceNanos();
            if (!connection.isOpen() || idle >= limit) {
                it.remove();
                connection.close();
            } else {
                next = Math.min(next, limit - idle);
            }
        }
        if (next != Long.MAX_VALUE) {
            planSweep(next);
        }
    }

    /** An idle connection became readable: the upstream closed it, or sent bytes no request asked for. */
    private void dropIfClosed(UpstreamConnection connection) {
        try {
            int read = connection.source().read(ByteBuffer.allocate(1));
            if (read == 0) {
                return;
            }
            if (read < 0) {
                connection.endedByUpstream();
            }
        } catch (IOException e) {
            // reset by the peer: nothing of it is left to wait
        }
        connections.remove(connection);
        connection.close();
    }
}
