package dev.swapdeck.event;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * The engine's one publish/subscribe channel. Publishing is cheap and thread-safe; listeners run on
 * the publisher's thread (see {@link EventListener}). Consumers that do slow work (a network client,
 * the FX thread) subscribe through {@link #subscribeQueue}, a bounded queue that drops and counts
 * instead of ever blocking the publisher.
 */
public final class EventBus {
    private final CopyOnWriteArrayList<EventListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong failures = new AtomicLong();

    /**
     * Hands the event to every listener. A listener that throws is skipped for this event, never
     * allowed to stop the others or the publisher: publishers are state machines mid-transition.
     */
    public void publish(Event event) {
        for (EventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                failures.incrementAndGet();
            }
        }
    }

    /** How many times a listener threw; exposed so a test or a status page can see it happened. */
    public long listenerFailures() {
        return failures.get();
    }

    /** Adds a listener; closing the returned handle removes it. */
    public AutoCloseable subscribe(EventListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Subscribes a bounded queue that receives the events {@code filter} accepts: at most
     * {@code capacity} events and about {@code maxBytes} of what they hold ({@link Event#weight}).
     * Close the queue to unsubscribe.
     */
    public EventQueue subscribeQueue(int capacity, long maxBytes, Predicate<Event> filter) {
        return subscribeQueue(capacity, maxBytes, filter, 1, event -> 0);
    }

    /**
     * As {@link #subscribeQueue(int, long, Predicate)}, counting what the queue drops by kind,
     * {@code kindOf} giving each event's (0 to {@code kinds} - 1), for {@link EventQueue#takeDropped(int)}.
     */
    public EventQueue subscribeQueue(int capacity, long maxBytes, Predicate<Event> filter, int kinds,
                                     ToIntFunction<Event> kindOf) {
        EventQueue queue = new EventQueue(capacity, maxBytes, filter, kinds, kindOf);
        listeners.add(queue);
        queue.onClose(() -> listeners.remove(queue));
        return queue;
    }

    /** Number of current subscribers, for status pages and tests. */
    public int subscriberCount() {
        return listeners.size();
    }
}
