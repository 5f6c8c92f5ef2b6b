package dev.swapdeck.event;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * A bounded buffer between the publishers and one slow consumer, by count and by what the events hold
 * ({@link Event#weight}): a flood of long lines fills it as soon as one of short ones would hold the
 * same text. When full, the newest event is dropped and counted: a slow reader misses events, it
 * never slows the engine. Log lines ({@linkplain Event#sheddable sheddable} events) go first: another event
 * that finds no room takes the place of the oldest queued lines, so a flood of output costs a reader lines
 * only, never a state change or a record, until what it has not read is all such events. Once one of
 * those is dropped, lines are refused until what was queued before it is out ({@link
 * #takeDroppedOnceCaughtUp}), so that a reader that reads again reaches the loss soon, however long
 * a flood goes on. The consumer learns how many it missed, in all or by kind, from {@link #takeDropped()}.
 */
public final class EventQueue implements EventListener, AutoCloseable {
    private final int capacity;
    private final long maxBytes;
    private final Predicate<Event> filter;
    private final ToIntFunction<Event> kindOf;
    private final ArrayDeque<Event> buffer = new ArrayDeque<>();
    private long bytes;
    private final AtomicLongArray dropped;
    private volatile Runnable onClose = () -> { };
    private volatile Runnable onFirstArrival = () -> { };
    private boolean closed;
    /** An event that is not sheddable was dropped, and what was queued before it is not all out yet. */
    private boolean catchingUp;

    EventQueue(int capacity, long maxBytes, Predicate<Event> filter, int kinds, ToIntFunction<Event> kindOf) {
        if (capacity < 1 || maxBytes < 1 || kinds < 1) {
            throw new IllegalArgumentException("capacity, maxBytes and kinds must be positive: " + capacity + ", "
                    + maxBytes + ", " + kinds);
        }
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.filter = filter;
        this.kindOf = kindOf;
        this.dropped = new AtomicLongArray(kinds);
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
            if (catchingUp && event.sheddable() || !roomFor(event) && (event.sheddable() || !shedFor(event))) {
                dropped.incrementAndGet(kindOf.applyAsInt(event));
                catchingUp |= !event.sheddable();
                return;
            }
            buffer.addLast(event);
            bytes += event.weight();
            first = buffer.size() == 1;
            if (first) {
                buffer.notifyAll();
            }
        }
        if (first) {
            onFirstArrival.run();
        }
    }

    private boolean roomFor(Event event) {
        return buffer.size() < capacity && bytes + event.weight() <= maxBytes;
    }

    /** Drops the oldest queued sheddable events, counting them, until {@code event} fits; whether it does. */
    private boolean shedFor(Event event) {
        if (event.weight() > maxBytes) {
            return false;
        }
        Iterator<Event> queued = buffer.iterator();
        while (!roomFor(event) && queued.hasNext()) {
            Event old = queued.next();
            if (old.sheddable()) {
                queued.remove();
                bytes -= old.weight();
                dropped.incrementAndGet(kindOf.applyAsInt(old));
            }
        }
        return roomFor(event);
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
            return move(sink, max, Long.MAX_VALUE);
        }
    }

    /**
     * Moves buffered events into {@code sink} without waiting: at most {@code max}, and no more of their
     * weight than {@code maxBytes} (one at least, whatever its weight). Returns the number moved.
     */
    public int drainTo(List<? super Event> sink, int max, long maxBytes) {
        synchronized (buffer) {
            return move(sink, max, maxBytes);
        }
    }

    private int move(List<? super Event> sink, int max, long maxBytes) {
        int moved = 0;
        long taken = 0;
        while (moved < max && !buffer.isEmpty()
                && (moved == 0 || taken + buffer.peekFirst().weight() <= maxBytes)) {
            Event event = buffer.pollFirst();
            bytes -= event.weight();
            taken += event.weight();
            sink.add(event);
            moved++;
        }
        catchingUp &= !buffer.isEmpty();
        return moved;
    }

    public boolean isEmpty() {
        synchronized (buffer) {
            return buffer.isEmpty();
        }
    }

    /** Events dropped since the last call, of every kind, resetting the counts. */
    public long takeDropped() {
        long all = 0;
        for (int kind = 0; kind < dropped.length(); kind++) {
            all += dropped.getAndSet(kind, 0);
        }
        return all;
    }

    /**
     * As {@link #takeDropped(int)}, but 0 (and the count kept) while events queued before a dropped one
     * that is not sheddable are still to be drained: what a consumer sends in the place of the lost ones
     * then comes after everything older.
     */
    public long takeDroppedOnceCaughtUp(int kind) {
        synchronized (buffer) {
            return catchingUp ? 0 : dropped.getAndSet(kind, 0);
        }
    }

    /** Events of {@code kind} (as the subscriber's {@code kindOf} gives it) dropped since the last call, resetting that count. */
    public long takeDropped(int kind) {
        return dropped.getAndSet(kind, 0);
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
            bytes = 0;
            buffer.notifyAll();
        }
        onClose.run();
    }
}
