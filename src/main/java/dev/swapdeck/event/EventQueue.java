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

    @Override
    public void onEvent(Event event) {
        if (!filter.test(event)) {
            return;
        }
        synchronized (buffer) {
            if (closed) {
                return;
            }
            if (buffer.size() >= capacity) {
                dropped.incrementAndGet();
                return;
            }
            buffer.addLast(event);
            if (buffer.size() == 1) {
                buffer.notifyAll();
            }
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
