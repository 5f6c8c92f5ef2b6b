package dev.swapdeck.testing;

import dev.swapdeck.event.Event;
import dev.swapdeck.event.EventBus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Records every event of one type published on a bus, for assertions on sequences. */
public final class EventRecorder<E extends Event> implements AutoCloseable {
    private final Class<E> type;
    private final List<E> events = new ArrayList<>();
    private final AutoCloseable subscription;

    private EventRecorder(EventBus bus, Class<E> type) {
        this.type = type;
        this.subscription = bus.subscribe(event -> {
            if (type.isInstance(event)) {
                synchronized (events) {
                    events.add(type.cast(event));
                }
            }
        });
    }

    public static <E extends Event> EventRecorder<E> record(EventBus bus, Class<E> type) {
        return new EventRecorder<>(bus, type);
    }

    public List<E> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    public List<E> matching(Predicate<? super E> match) {
        return events().stream().filter(match).collect(Collectors.toList());
    }

    /** Waits until an event matching {@code match} has been recorded and returns the first one. */
    public E await(Predicate<? super E> match, Duration timeout) {
        Await.until(() -> "a matching " + type.getSimpleName() + "; recorded: " + events(), timeout,
                () -> !matching(match).isEmpty());
        return matching(match).get(0);
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException("unsubscribing failed", e);
        }
    }
}
