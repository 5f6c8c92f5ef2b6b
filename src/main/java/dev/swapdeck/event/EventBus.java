package dev.swapdeck.event;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The engine's one publish/subscribe channel. Publishing is cheap and thread-safe; listeners run on
 * the publisher's thread (see {@link EventListener}). Consumers that do slow work (a network client,
 * the FX thread) subscribe through {@link #subscribeQueue}, a bounded queue that drops and counts
 * instead of ever blocking the publisher.
 */
public final class EventBus {
    private final CopyOnWriteArrayList<EventListener> listeners = new CopyOnWriteArrayList<>();

    public void publish(Event event) {
        for (EventListener listener : listeners) {
            listener.onEvent(event);
        }
    }

    /** Adds a listener; closing the returned handle removes it. */
    public AutoCloseable subscribe(EventListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Subscribes a bounded queue that receives the events {@code filter} accepts. Close the queue to
     * unsubscribe.
     */
    public EventQueue subscribeQueue(int capacity, Predicate<Event> filter) {
        EventQueue queue = new EventQueue(capacity, filter);
        listeners.add(queue);
        queue.onClose(() -> listeners.remove(queue));
        return queue;
    }

    /** Number of current subscribers, for status pages and tests. */
    public int subscriberCount() {
        return listeners.size();
    }
}
