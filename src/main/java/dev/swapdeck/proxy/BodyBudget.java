package dev.swapdeck.proxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.xnio.XnioIoThread;

/**
 * The global budget for request bodies held in memory at once (SPEC §8, {@code security.bodyBudget}).
 * A reservation that fits is granted at once; one that does not waits in line for up to
 * {@code wait} and is then refused, so a burst of large uploads queues briefly and then gets 503
 * instead of exhausting the heap. Small reservations (up to {@link #SMALL_BYTES}) are always granted
 * at once: ordinary chat requests never queue behind uploads. Thread-safe; callbacks run on the IO
 * thread the reservation named.
 *
 * <p>The line is kept by request, oldest first ({@link Account}): a chunked body reserves as it
 * arrives, so several can each hold part of the budget and wait for more that none will give back.
 * Then the youngest waiting request that holds some is refused first, whichever wait ran out, and
 * the oldest goes on, as when the sizes were declared and the first request took its whole share.
 */
final class BodyBudget {
    static final long SMALL_BYTES = 64 * 1024;

    private final long capacity;
    private final Duration wait;
    /** One waiting reservation per request at most (a request reads no further while it waits). */
    private final TreeSet<Waiter> waiting = new TreeSet<>(Comparator.comparingLong(w -> w.account.arrival));
    private final AtomicLong arrivals = new AtomicLong();
    private long used;

    BodyBudget(long capacity, Duration wait) {
        this.capacity = capacity;
        this.wait = wait;
    }

    long capacity() {
        return capacity;
    }

    /** A new request's account: its place in line, behind every request before it. */
    Account account() {
        return new Account(arrivals.incrementAndGet());
    }

    /** What one request holds of the budget; it reserves one piece at a time. */
    final class Account {
        private final long arrival;
        /** Guarded by the budget's lock. */
        private long held;

        private Account(long arrival) {
            this.arrival = arrival;
        }

        /**
         * Reserves {@code bytes}; {@code then} receives true once they are granted (immediately, on the
         * calling thread, when they fit and no older request waits) or false when refused (on {@code thread}).
         */
        void reserve(long bytes, XnioIoThread thread, Consumer<Boolean> then) {
            Waiter waiter = null;
            synchronized (BodyBudget.this) {
                boolean olderWaits = !waiting.isEmpty() && waiting.first().account.arrival < arrival;
                if (bytes <= SMALL_BYTES || (!olderWaits && used + bytes <= capacity)) {
                    used += bytes;
                    held += bytes;
                } else {
                    waiter = new Waiter(this, bytes, thread, then);
                    waiting.add(waiter);
                }
            }
            if (waiter == null) {
                then.accept(true);
            } else {
                expireLater(waiter);
            }
        }

        /** Gives back all this request holds, and grants what now fits, oldest request first. */
        void releaseAll() {
            List<Runnable> grants = new ArrayList<>();
            synchronized (BodyBudget.this) {
                if (held == 0) {
                    return;
                }
                used -= held;
                held = 0;
                while (!waiting.isEmpty() && used + waiting.first().bytes <= capacity) {
                    Waiter next = waiting.pollFirst();
                    used += next.bytes;
                    next.account.held += next.bytes;
                    Consumer<Boolean> then = next.settle();
                    grants.add(() -> next.thread.execute(() -> then.accept(true)));
                }
            }
            grants.forEach(Runnable::run);
        }
    }

    private void expireLater(Waiter waiter) {
        waiter.thread.executeAfter(() -> expire(waiter), wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * {@code waiter}'s wait ran out. Refused instead: the youngest waiting request behind it that holds
     * some of the budget, which gives it back; {@code waiter} then waits once more.
     */
    private void expire(Waiter waiter) {
        Waiter refused = waiter;
        Consumer<Boolean> then;
        synchronized (this) {
            if (waiter.then == null) {
                return;
            }
            for (Waiter younger : waiting.descendingSet()) {
                if (younger == waiter) {
                    break;
                }
                if (younger.account.held > 0) {
                    refused = younger;
                    break;
                }
            }
            waiting.remove(refused);
            then = refused.settle();
        }
        if (refused != waiter) {
            expireLater(waiter);
        }
        refused.thread.execute(() -> then.accept(false));
    }

    private static final class Waiter {
        final Account account;
        final long bytes;
        final XnioIoThread thread;
        /** What to tell; null once granted or refused. Guarded by the budget's lock. */
        private Consumer<Boolean> then;

        Waiter(Account account, long bytes, XnioIoThread thread, Consumer<Boolean> then) {
            this.account = account;
            this.bytes = bytes;
            this.thread = thread;
            this.then = then;
        }

        /**
         * Under the budget's lock: marks it granted or refused and returns what to tell. Its wait's
         * timer still holds the waiter until it fires, so the waiter lets go of {@code then} now: that
         * holds the request's body, which must not outlive the request by the rest of the wait (a
         * burst of large bodies kept them all in the heap, past the budget).
         */
        Consumer<Boolean> settle() {
            Consumer<Boolean> told = then;
            then = null;
            return told;
        }
    }
}
