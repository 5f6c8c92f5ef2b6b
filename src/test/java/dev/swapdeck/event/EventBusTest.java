package dev.swapdeck.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventBusTest {
    private record Ping(Instant at) implements Event {
        @Override
        public String type() {
            return "ping";
        }
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheOthersOrThePublisher() throws Exception {
        EventBus bus = new EventBus();
        List<Event> seen = new ArrayList<>();
        bus.subscribe(event -> {
            throw new IllegalStateException("broken listener");
        });
        bus.subscribe(seen::add);
        bus.publish(new Ping(Instant.now()));
        assertEquals(1, seen.size());
        assertEquals(1, bus.listenerFailures());
    }

    @Test
    void aFullQueueDropsTheNewestAndCountsThem() throws Exception {
        EventBus bus = new EventBus();
        try (EventQueue queue = bus.subscribeQueue(2, e -> true)) {
            for (int i = 0; i < 5; i++) {
                bus.publish(new Ping(Instant.now()));
            }
            List<Event> drained = new ArrayList<>();
            assertEquals(2, queue.drainTo(drained, 10, 1, TimeUnit.SECONDS));
            assertEquals(3, queue.takeDropped());
            assertEquals(0, queue.takeDropped());
        }
        assertEquals(0, bus.subscriberCount(), "closing the queue unsubscribes it");
    }

    @Test
    void onlyAnEventIntoAnEmptyQueueWakesItsConsumer() throws Exception {
        EventBus bus = new EventBus();
        try (EventQueue queue = bus.subscribeQueue(10, e -> true)) {
            int[] wakes = new int[1];
            queue.onFirstArrival(() -> wakes[0]++);
            bus.publish(new Ping(Instant.now()));
            bus.publish(new Ping(Instant.now()));
            assertEquals(1, wakes[0]);

            queue.drainTo(new ArrayList<>(), 10, 0, TimeUnit.SECONDS);
            assertTrue(queue.isEmpty());
            bus.publish(new Ping(Instant.now()));
            assertEquals(2, wakes[0], "the first event after a drain wakes it again");
        }
    }
}
