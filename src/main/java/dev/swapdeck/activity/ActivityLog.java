package dev.swapdeck.activity;

import dev.swapdeck.event.EventBus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

/**
 * The recent requests (SPEC §12), bounded: the newest {@link #capacity()} records are kept, older ones
 * dropped. Every record is also published on the event bus (type {@code activity}) for live readers:
 * the window subscribes there, {@code GET /api/activity} reads {@link #recent()}. Also counts the
 * requests waiting for their model right now, per model (the queue the metrics report).
 * Thread-safe; {@link #add} is cheap and never blocks for long (IO threads call it).
 */
public final class ActivityLog {
    public static final int DEFAULT_CAPACITY = 1000;

    private final EventBus bus;
    private final int capacity;
    private final ArrayDeque<ActivityRecord> records = new ArrayDeque<>();
    private long seq;
    private final Map<String, AtomicInteger> waiting = new ConcurrentHashMap<>();
    private final ModelStates states;

    public ActivityLog(EventBus bus, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.bus = bus;
        this.capacity = capacity;
        this.states = new ModelStates(bus);
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Numbers the record {@code numbered} builds with the next sequence number, keeps it (dropping the
     * oldest past capacity) and publishes it, in one step: records are kept and published in number
     * order, so a reader that asks for the numbers after the last it saw ({@code ?since=}, the window)
     * misses none. The bus's listeners of records only count and queue, so the step stays short.
     */
    public ActivityRecord add(LongFunction<ActivityRecord> numbered) {
        synchronized (records) {
            ActivityRecord record = numbered.apply(++seq);
            if (records.size() == capacity) {
                records.pollFirst();
            }
            records.addLast(record);
            bus.publish(record);
            return record;
        }
    }

    /** The kept records, oldest first. */
    public List<ActivityRecord> recent() {
        synchronized (records) {
            return new ArrayList<>(records);
        }
    }

    /** Live model states as the events told them, for telling a start from a swap. */
    public ModelStates states() {
        return states;
    }

    /** A request for {@code model} began waiting for a lease. */
    public void waitStarted(String model) {
        waiting.computeIfAbsent(model, m -> new AtomicInteger()).incrementAndGet();
    }

    /** A request for {@code model} stopped waiting (it got its lease, failed or left). */
    public void waitEnded(String model) {
        AtomicInteger count = waiting.get(model);
        if (count != null) {
            count.decrementAndGet();
        }
    }

    /** Requests waiting for {@code model} now. */
    public int waiting(String model) {
        AtomicInteger count = waiting.get(model);
        return count == null ? 0 : Math.max(0, count.get());
    }
}
