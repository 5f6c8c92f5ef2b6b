package dev.swapdeck.proxy;

import dev.swapdeck.config.Timeouts;
import dev.swapdeck.config.UpstreamAddress;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.xnio.IoFuture;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

/**
 * Connections to one upstream process (one address, one process generation). Each IO thread keeps its
 * own idle connections and touches only those, so taking and returning one needs no lock and every
 * exchange stays on its IO thread. An idle connection keeps its read armed: an upstream that closes it
 * (or sends stray bytes) has it dropped at once, not when the next request trips over it. Idle
 * connections hold the upstream's HTTP threads, so only each IO thread's newest is kept for long
 * ({@link IdleConnections}).
 */
final class UpstreamPool {
    /** An IO thread's newest idle connection is closed after this, below common keep-alive timeouts (5 s). */
    static final long IDLE_TTL_NANOS = TimeUnit.SECONDS.toNanos(4);
    /** How long after its answer a connection that cannot be kept is closed ({@link #closeSoon}). */
    static final long CLOSE_DELAY_MILLIS = 2;

    /** Where the upstream may listen, tried in order ({@link UpstreamAddress#candidates}). */
    private final List<InetSocketAddress> addresses;
    /** The candidate that last took a connection: the first tried by the next one. */
    private volatile int answering;
    private final int maxIdlePerThread;
    private final Reuse reuse;
    private final Duration connectTimeout;
    private final Duration responseHeaderTimeout;
    private final Map<XnioIoThread, IdleConnections> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** {@code timeouts}: the model's or peer's; a zero limit waits as long as the system (or the client) does. */
    UpstreamPool(List<InetSocketAddress> addresses, int maxIdlePerThread, Reuse reuse, Timeouts timeouts) {
        this.addresses = List.copyOf(addresses);
        this.maxIdlePerThread = maxIdlePerThread;
        this.reuse = reuse;
        this.connectTimeout = timeouts.connect();
        this.responseHeaderTimeout = timeouts.responseHeader();
    }

    /** How long the upstream may take to begin its answer once the request is sent ({@code timeouts.responseHeader}). */
    Duration responseHeaderTimeout() {
        return responseHeaderTimeout;
    }

    /**
     * Runs {@code overdue} on {@code thread} once {@link #responseHeaderTimeout} has passed; never when it
     * is zero (then null). The caller removes the timer when the head arrives or the call ends: until it
     * fires, the timer holds {@code overdue} and all it refers to (the exchange and its buffers).
     */
    XnioExecutor.Key whenHeadOverdue(XnioIoThread thread, Runnable overdue) {
        return responseHeaderTimeout.isZero() ? null
                : thread.executeAfter(overdue, responseHeaderTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** An idle, open, recently used connection of {@code thread}, or null. Call on {@code thread}. */
    UpstreamConnection takeIdle(XnioIoThread thread) {
        IdleConnections connections = idle.get(thread);
        return connections == null ? null : connections.take(System.nanoTime());
    }

    /**
     * Opens a new connection from {@code thread}; the callbacks run on that thread. A thread that is
     * stopping (Swapdeck shutting down while an exchange ends) refuses new work: that is a failure
     * handed to {@code failed}, never an exception thrown into the exchange that asked.
     */
    void open(XnioIoThread thread, Consumer<UpstreamConnection> opened, Consumer<IOException> failed) {
        open(thread, answering, 0, opened, failed);
    }

    /**
     * Opens a connection to candidate {@code at}; one refused there tries the next candidate not tried
     * yet ({@code tried} so far), and the one that takes it is tried first from then on.
     */
    private void open(XnioIoThread thread, int at, int tried, Consumer<UpstreamConnection> opened,
            Consumer<IOException> failed) {
        IoFuture<StreamConnection> future = null;
        XnioExecutor.Key timeout;
        try {
            future = thread.openStreamConnection(addresses.get(at), null, OptionMap.create(Options.TCP_NODELAY, true));
            timeout = connectTimeout.isZero() ? null
                    : thread.executeAfter(future::cancel, connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            if (future != null) {
                future.cancel();
            }
            failed.accept(new IOException("Swapdeck is stopping", e));
            return;
        }
        future.addNotifier(new IoFuture.HandlingNotifier<StreamConnection, Void>() {
            @Override
            public void handleDone(StreamConnection stream, Void attachment) {
                stopTimer(timeout);
                answering = at;
                opened.accept(new UpstreamConnection(stream));
            }

            @Override
            public void handleFailed(IOException exception, Void attachment) {
                stopTimer(timeout);
                if (exception instanceof ConnectException && tried + 1 < addresses.size()) {
                    open(thread, (at + 1) % addresses.size(), tried + 1, opened, failed);
                } else {
                    failed.accept(exception);
                }
            }

            @Override
            public void handleCancelled(Void attachment) {
                failed.accept(new IOException("no connection within timeouts.connect (" + connectTimeout.toMillis() + " ms)"));
            }
        }, null);
    }

    /** Removes {@code timer} (null: none) before it fires. */
    static void stopTimer(XnioExecutor.Key timer) {
        if (timer != null) {
            timer.remove();
        }
    }

    /** Whether an exchange that ended cleanly on {@code connection} may leave it for the next one. */
    boolean mayReuse(UpstreamConnection connection) {
        return reuse.allows(connection) && !closed;
    }

    /** Whether connections of this pool acknowledge at once after every read. */
    boolean quickAcks() {
        return reuse == Reuse.QUICKACK;
    }

    /** Keeps {@code connection} for the next exchange of its thread, or closes it. Call on its IO thread. */
    void release(UpstreamConnection connection) {
        XnioIoThread thread = connection.stream.getIoThread();
        IdleConnections connections = idleOf(thread);
        if (!mayReuse(connection) || connections.size() >= maxIdlePerThread || !connection.isOpen()) {
            connection.close();
            return;
        }
        connections.keep(connection, System.nanoTime());
        if (closed) {
            thread.execute(connections::closeAll);
        }
    }

    /**
     * A clean answer on {@code connection} is over: it is kept for the next exchange ({@link #release})
     * when {@code keepable}, else reset a little later ({@link #closeSoon}) and, where the server keeps
     * connections ({@code serverKeepsAlive}: an event stream, which llama-server closes unsaid), replaced.
     * A server that said it closes each one gets no spare: one that serves a connection at a time
     * (Python's plain {@code HTTPServer}) sat blocked on it until it idled out. Call on its IO thread.
     */
    void finished(UpstreamConnection connection, boolean keepable, boolean serverKeepsAlive) {
        if (keepable) {
            release(connection);
        } else {
            closeSoon(connection, serverKeepsAlive);
        }
    }

    /**
     * Closes and replaces a connection that cannot be kept {@link #CLOSE_DELAY_MILLIS} after its answer
     * ended. Done at once, the close, the replacement's connect and the server's accept of it took both
     * cores of a small machine just when the client woke to read the answer's last chunk: that chunk
     * reached a client 1.3–2.4 ms after the server sent it (mean of 12 streams), 0.9–1.6 ms with the
     * delay, where the stream's other chunks took 0.1–0.3 ms. Its reads stop meanwhile, and the close is
     * a reset ({@link UpstreamConnection#reset}): the server may close its side at any moment.
     */
    private void closeSoon(UpstreamConnection connection, boolean replace) {
        XnioIoThread thread = connection.stream.getIoThread();
        connection.source().suspendReads();
        try {
            thread.executeAfter(() -> {
                connection.reset();
                if (replace) {
                    replaceAfterClose(thread);
                }
            }, CLOSE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            connection.reset(); // the thread is stopping
        }
    }

    /**
     * After a clean answer whose connection could not be kept (an event stream: llama-server closes it
     * just after), opens the next exchange's connection now, so that a chat after a stream does not wait
     * for a connect and the server's accept of it. Only while {@code thread} keeps no idle connection
     * here and opens no other such one; the new connection is kept as {@link #release} keeps one, and one
     * that fails to open is forgotten. Call on {@code thread}.
     */
    private void replaceAfterClose(XnioIoThread thread) {
        if (closed || reuse == Reuse.FRESH) {
            return;
        }
        IdleConnections connections = idleOf(thread);
        if (connections.size() > 0 || !connections.startReplacing()) {
            return;
        }
        open(thread, opened -> {
            connections.replaced();
            release(opened);
        }, failure -> connections.replaced());
    }

    private IdleConnections idleOf(XnioIoThread thread) {
        return idle.computeIfAbsent(thread, IdleConnections::new);
    }

    /** No new connections are kept; idle ones are closed on their threads. In-flight ones finish. */
    void close() {
        closed = true;
        idle.forEach((thread, connections) -> {
            try {
                thread.execute(connections::closeAll);
            } catch (RejectedExecutionException e) {
                // the IO thread has stopped: its connections are being closed with it
            }
        });
    }

    /** Whether a connection may carry more than one exchange. */
    enum Reuse {
        /** Reuse where quick ACKs can be re-armed; otherwise one exchange per connection. */
        QUICKACK,
        /** One exchange per connection (a fresh loopback connection each time). */
        FRESH,
        /** Reuse without quick ACKs: inherits the delayed-ACK stall; kept to measure it. */
        PLAIN;

        boolean allows(UpstreamConnection connection) {
            return this == PLAIN || this == QUICKACK && connection.canQuickAck();
        }

        /** {@code swapdeck.upstream.reuse} (quickack, fresh or plain; default quickack), for measurements. */
        static Reuse fromSystemProperty() {
            String value = System.getProperty("swapdeck.upstream.reuse", "quickack");
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
