package dev.swapdeck.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swapdeck.event.Event;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.event.EventQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ActivityLogTest {
    private static final int THREADS = 4;
    private static final int EACH = 20_000;

    /**
     * Requests end on several IO threads at once: the log keeps and publishes their records in number
     * order, so a reader that asks for the numbers after the last it saw misses none.
     */
    @Test
    void recordsEndingAtOnceAreKeptAndPublishedInNumberOrder() throws Exception {
        EventBus bus = new EventBus();
        ActivityLog log = new ActivityLog(bus, THREADS * EACH);
        EventQueue published = bus.subscribeQueue(THREADS * EACH, Long.MAX_VALUE, event -> event instanceof ActivityRecord);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < EACH; i++) {
                    log.add(seq -> new ActivityRecord(seq, Instant.now(), "m", "POST", "/v1/chat/completions", 200,
                            false, Duration.ZERO, Optional.empty(), TokenCounts.NONE, ActivityRecord.Wait.NONE,
                            Optional.empty()));
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        List<Long> expected = LongStream.rangeClosed(1, THREADS * EACH).boxed().toList();
        assertEquals(expected, log.recent().stream().map(ActivityRecord::seq).toList());
        List<Event> events = new ArrayList<>();
        published.drainTo(events, THREADS * EACH, 0, TimeUnit.SECONDS);
        assertEquals(expected, events.stream().map(event -> ((ActivityRecord) event).seq()).toList());
    }
}
