package dev.swapdeck.event;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A bounded buffer between the publishers and one slow consumer. When full, the newest event is
 * dropped and counted: a slow reader misses events, it never slows the engine. The consumer learns
 * how many it missed from {@link #takeDropped()}.
 */
public final class EventQueue implements EventListener, AutoCloseable {
    private final int capacity;
    private final Predicate<Event> filter;
    private final ArrayDeque<Event> buffer = new ArrayDeque<>();
    private final AtomicLong dropped = new AtomicLong();
    private volatile Runnable onClose = () -> { };
    private volatile Runnable onFirstArrival = () -> { };
    private boolean closed;

    EventQueue(int capacity, Predicate<Event> filter) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.filter = filter;
    }

    void onClose(Runnable action) {
        this.onClose = action;
    }

    /**
     * Runs {@code action} on the publisher's thread whenever an event arrives in an empty queue, so a
     * consumer that sleeps while there is nothing to read can wake. Only the first event after a
     * drain calls it; it must be quick and must not publish.
     */
    public void onFirstArrival(Runnable action) {
        this.onFirstArrival = action;
    }

    @Override
    public void onEvent(Event event) {
        if (!filter.test(event)) {
            return;
        }
        boolean first;
        synchronized (buffer) {
            if (closed) {
                return;
            }
            if (buffer.size() >= capacity) {
                dropped.incrementAndGet();
                return;
            }
            buffer.addLast(event);
            first = buffer.size() == 1;
            if (first) {
                buffer.notifyAll();
            }
        }
        if (first) {
            onFirstArrival.run();
        }
    }

    /**
     * Moves up to {@code max} buffered events into {@code sink}, waiting up to {@code timeout} for
     * the first one. Returns the number moved; 0 after a timeout or once closed.
     */
    public int drainTo(List<? super Event> sink, int max, long timeout, TimeUnit unit)
            throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (buffer) {
            while (buffer.isEmpty() && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return 0;
                }
                TimeUnit.NANOSECONDS.timedWait(buffer, left);
            }
            int moved = 0;
            while (moved < max && !buffer.isEmpty()) {
                sink.add(buffer.pollFirst());
                moved++;
            }
            return moved;
        }
    }

    public boolean isEmpty() {
        synchronized (buffer) {
            return buffer.isEmpty();
        }
    }

    /** Events dropped since the last call, resetting the count. */
    public long takeDropped() {
        return dropped.getAndSet(0);
    }

    public boolean isClosed() {
        synchronized (buffer) {
            return closed;
        }
    }

    @Override
    public void close() {
        synchronized (buffer) {
            if (closed) {
                return;
            }
            closed = true;
            buffer.clear();
            buffer.notifyAll();
        }
        onClose.run();
    }
}
