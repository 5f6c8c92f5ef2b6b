package dev.swapdeck.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventBusTest {
    /** An event holding {@code text} characters besides its fields. */
    private record Ping(Instant at, int text) implements Event {
        Ping(Instant at) {
            this(at, 0);
        }

        @Override
        public String type() {
            return "ping";
        }

        @Override
        public int weight() {
            return 64 + text;
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
        try (EventQueue queue = bus.subscribeQueue(2, Long.MAX_VALUE, e -> true)) {
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

    /** Long lines fill a queue as soon as their text reaches its budget, and a drain can take part of it. */
    @Test
    void aQueueIsBoundedByWhatItsEventsHoldAndCountsDropsByKind() {
        EventBus bus = new EventBus();
        try (EventQueue queue = bus.subscribeQueue(1_000, 3 * 1_064 + 64, e -> true, 2,
                e -> ((Ping) e).weight() > 64 ? 1 : 0)) {
            for (int i = 0; i < 5; i++) {
                bus.publish(new Ping(Instant.now(), 1_000));
            }
            bus.publish(new Ping(Instant.now(), 0));
            assertEquals(2, queue.takeDropped(1), "three long ones fit");
            assertEquals(0, queue.takeDropped(0), "and a short one beside them");
            List<Event> drained = new ArrayList<>();
            assertEquals(2, queue.drainTo(drained, 10, 2_500));
            assertEquals(1, queue.drainTo(drained, 10, 10), "one at least, whatever its weight");
            bus.publish(new Ping(Instant.now(), 1_000));
            bus.publish(new Ping(Instant.now(), 1_000));
            assertEquals(0, queue.takeDropped(), "what was drained is room again");
        }
    }

    /** A log line in a flood, which a queue may shed first. */
    private record Line(Instant at, int text) implements Event {
        @Override
        public String type() {
            return "log";
        }

        @Override
        public int weight() {
            return 64 + text;
        }

        @Override
        public boolean sheddable() {
            return true;
        }
    }

    /**
     * In a queue full of log lines another event takes the place of the oldest lines (by count and by
     * weight), in order with the rest; it is dropped only when what is queued holds no line to shed.
     */
    @Test
    void anotherEventTakesThePlaceOfTheOldestLogLines() {
        EventBus bus = new EventBus();
        try (EventQueue byCount = bus.subscribeQueue(4, Long.MAX_VALUE, e -> e.sheddable() || ((Ping) e).text() == 0,
                2, e -> e.sheddable() ? 0 : 1);
             EventQueue byWeight = bus.subscribeQueue(1_000, 3 * 1_064, e -> e.sheddable() || ((Ping) e).text() > 0,
                     2, e -> e.sheddable() ? 0 : 1)) {
            for (int i = 0; i < 5; i++) {
                bus.publish(new Line(Instant.now(), 1_000));
            }
            assertEquals(1, byCount.takeDropped(0), "a line finding the queue full is dropped");
            assertEquals(2, byWeight.takeDropped(0));
            bus.publish(new Ping(Instant.now()));
            bus.publish(new Ping(Instant.now(), 2_000));
            assertEquals(List.of("log", "log", "log", "ping"), types(byCount));
            assertEquals(List.of("log", "ping"), types(byWeight), "the two oldest lines made room for its 2,064 bytes");
            assertEquals(1, byCount.takeDropped(0));
            assertEquals(2, byWeight.takeDropped(0));

            for (int i = 0; i < 5; i++) {
                bus.publish(new Ping(Instant.now()));
            }
            assertEquals(1, byCount.takeDropped(1), "four pings fill it, and nothing can be shed for the fifth");
            assertEquals(0, byCount.takeDropped(0));
        }
    }

    /**
     * Once an event that is not sheddable was lost, lines are refused until what was queued before it
     * is out, and only then is the loss handed over: a reader that reads again reaches it soon, however
     * long a flood goes on, and what it is sent in its place comes after everything older.
     */
    @Test
    void afterALostEventLinesWaitUntilWhatCameBeforeItIsOut() {
        EventBus bus = new EventBus();
        try (EventQueue queue = bus.subscribeQueue(3, Long.MAX_VALUE, e -> true, 2, e -> e.sheddable() ? 0 : 1)) {
            for (int i = 0; i < 4; i++) {
                bus.publish(new Ping(Instant.now()));
            }
            assertEquals(0, queue.takeDroppedOnceCaughtUp(1), "three pings before the loss are still queued");
            queue.drainTo(new ArrayList<>(), 1, Long.MAX_VALUE);
            bus.publish(new Line(Instant.now(), 0));
            bus.publish(new Ping(Instant.now()));
            assertEquals(1, queue.takeDropped(0), "the line is refused though there was room");
            assertEquals(List.of("ping", "ping", "ping"), types(queue));
            assertEquals(1, queue.takeDroppedOnceCaughtUp(1));
            bus.publish(new Line(Instant.now(), 0));
            assertEquals(List.of("log"), types(queue), "caught up: lines come in again");
        }
    }

    private static List<String> types(EventQueue queue) {
        List<Event> drained = new ArrayList<>();
        queue.drainTo(drained, 100, Long.MAX_VALUE);
        return drained.stream().map(Event::type).toList();
    }

    @Test
    void onlyAnEventIntoAnEmptyQueueWakesItsConsumer() throws Exception {
        EventBus bus = new EventBus();
        try (EventQueue queue = bus.subscribeQueue(10, Long.MAX_VALUE, e -> true)) {
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
