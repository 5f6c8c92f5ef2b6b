package dev.swapdeck.proxy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.xnio.XnioExecutor;

/**
 * A client that takes no more of its answer. While it does not read, the answer waits (the upstream is
 * not read either), and its request keeps its model's slot: every swap waits for it, and at
 * {@code concurrencyLimit} the model answers 429 to everyone else. So a client that has taken nothing
 * for the stall timeout (120 s, {@link ListenerLimits#clientStallTimeout}) is taken as gone, as nginx's
 * {@code send_timeout} takes it; and one whose model stopped meanwhile (an unload, a crash: the answer
 * can never end) at the next look. The looks are {@link #LOOK_MILLIS} apart on the exchange's IO
 * thread, and only while the client is behind; a slow client that takes something now and then is
 * never cut. What it took is counted in bytes its socket accepted, and each look offers it what
 * waits: the kernel tells of room in a large send buffer only once much of it has drained, so a
 * client reading 1 KB a second would otherwise seem to take nothing.
 */
final class ClientStall {
    private static final long LOOK_MILLIS = 5_000;

    private final XnioExecutor io;
    private final Duration timeout;
    private final Supplier<Optional<String>> modelStopped;
    private final Consumer<String> cut;
    private Runnable offer = () -> { };
    private XnioExecutor.Key look;
    private boolean looking;
    private boolean behind;
    private long takes;
    private long takesAtLastLook;
    private long stillSince;

    /** {@code modelStopped}: why the request's model stopped, once it did; {@code cut}: ends the call for a reason. */
    ClientStall(XnioExecutor io, Duration timeout, Supplier<Optional<String>> modelStopped, Consumer<String> cut) {
        this.io = io;
        this.timeout = timeout;
        this.modelStopped = modelStopped;
        this.cut = cut;
    }

    /** What each look runs first: the writes that wait for the client, tried again. */
    void offer(Runnable writes) {
        this.offer = writes;
    }

    /** The client could not take all that was written: looks begin, if they have not. */
    void behind() {
        behind = true;
        if (look == null && !looking) {
            takesAtLastLook = takes;
            stillSince = System.nanoTime();
            schedule();
        }
    }

    /** The client's socket accepted {@code bytes} more of the answer. */
    void took(long bytes) {
        takes += bytes;
    }

    /** The client has taken all that was written. */
    void caughtUp() {
        behind = false;
    }

    /** The call is over: no more looks. */
    void stop() {
        behind = false;
        if (look != null) {
            look.remove();
            look = null;
        }
    }

    private void schedule() {
        try {
            look = io.executeAfter(this::look, Math.min(LOOK_MILLIS, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            look = null; // the IO thread takes no more tasks: the server is stopping and closes the connection
        }
    }

    private void look() {
        look = null;
        if (!behind) {
            return;
        }
        looking = true;
        try {
            offer.run();
        } finally {
            looking = false;
        }
        if (!behind) {
            return; // it caught up, or the call ended (a look is scheduled only here and when not looking)
        }
        if (takes != takesAtLastLook) {
            takesAtLastLook = takes;
            stillSince = System.nanoTime();
        }
        Optional<String> stopped = modelStopped.get();
        if (stopped.isPresent()) {
            cut.accept("the client was not reading when " + stopped.get() + ", so its answer could not end");
        } else if (System.nanoTime() - stillSince >= timeout.toNanos()) {
            long millis = timeout.toMillis();
            cut.accept("the client took nothing of its answer for "
                    + (millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms"));
        } else {
            schedule();
        }
    }
}
