package dev.swapdeck.proxy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.xnio.XnioIoThread;

/**
 * The global budget for request bodies held in memory at once (SPEC §8, {@code security.bodyBudget}).
 * A reservation that fits is granted at once; one that does not waits in line for up to
 * {@code wait} and is then refused, so a burst of large uploads queues briefly and then gets 503
 * instead of exhausting the heap. Small reservations (up to {@link #SMALL_BYTES}) are always granted
 * at once: ordinary chat requests never queue behind uploads. Thread-safe; callbacks run on the IO
 * thread the reservation named.
 */
final class BodyBudget {
    static final long SMALL_BYTES = 64 * 1024;

    private final long capacity;
    private final Duration wait;
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private long used;

    BodyBudget(long capacity, Duration wait) {
        this.capacity = capacity;
        this.wait = wait;
    }

    long capacity() {
        return capacity;
    }

    /**
     * Reserves {@code bytes}; {@code then} receives true once they are granted (immediately, on the
     * calling thread, when they fit) or false when the wait ran out (on {@code thread}).
     */
    void reserve(long bytes, XnioIoThread thread, Consumer<Boolean> then) {
        Waiter waiter;
        synchronized (this) {
            if (bytes <= SMALL_BYTES || (waiting.isEmpty() && used + bytes <= capacity)) {
                used += bytes;
                waiter = null;
            } else {
                waiter = new Waiter(bytes, thread, then);
                waiting.add(waiter);
            }
        }
        if (waiter == null) {
            then.accept(true);
        } else {
            thread.executeAfter(() -> expire(waiter), wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Returns {@code bytes} to the budget and grants what now fits, first come first served. */
    void release(long bytes) {
        if (bytes == 0) {
            return;
        }
        List<Waiter> granted = new ArrayList<>();
        synchronized (this) {
            used -= bytes;
            while (!waiting.isEmpty() && used + waiting.peek().bytes <= capacity) {
                Waiter next = waiting.poll();
                next.settled = true;
                used += next.bytes;
                granted.add(next);
            }
        }
        for (Waiter waiter : granted) {
            waiter.thread.execute(() -> waiter.then.accept(true));
        }
    }

    private void expire(Waiter waiter) {
        synchronized (this) {
            if (waiter.settled) {
                return;
            }
            waiter.settled = true;
            waiting.remove(waiter);
        }
        waiter.then.accept(false);
    }

    private static final class Waiter {
        final long bytes;
        final XnioIoThread thread;
        final Consumer<Boolean> then;
        /** Granted or expired; guarded by the budget's lock. */
        boolean settled;

        Waiter(long bytes, XnioIoThread thread, Consumer<Boolean> then) {
            this.bytes = bytes;
            this.thread = thread;
            this.then = then;
        }
    }
}
