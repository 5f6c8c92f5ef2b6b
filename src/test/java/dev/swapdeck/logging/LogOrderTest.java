package dev.swapdeck.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swapdeck.event.EventBus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Live readers get lines in the order they were numbered, whichever threads wrote them. */
class LogOrderTest {
    private static final int THREADS = 4;
    private static final int LINES_EACH = 20_000;

    /** Records what the bus delivers, as a reader behind one queue would see it. */
    private static final class Reader {
        private final List<Long> seen = new ArrayList<>();
        private long last;
        private int outOfOrder;

        synchronized void take(LogLine line) {
            if (line.seq() <= last) {
                outOfOrder++;
            }
            last = Math.max(last, line.seq());
            seen.add(line.seq());
        }
    }

    @Test
    void linesFromManyThreadsArePublishedInNumberOrder() throws Exception {
        EventBus bus = new EventBus();
        LogHub hub = new LogHub(bus);
        Reader reader = new Reader();
        bus.subscribe(event -> {
            if (event instanceof LogLine line) {
                reader.take(line);
            }
        });
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            String model = "m" + t;
            boolean proxy = t % 2 == 0;
            Thread writer = new Thread(() -> {
                awaitQuietly(go);
                for (int i = 0; i < LINES_EACH; i++) {
                    if (proxy) {
                        hub.info("line " + i);
                    } else {
                        hub.upstream(model, "printed " + i);
                    }
                }
            });
            writer.start();
            writers.add(writer);
        }
        go.countDown();
        for (Thread writer : writers) {
            writer.join();
        }
        assertEquals(0, reader.outOfOrder, "lines delivered before one numbered earlier");
        assertEquals(THREADS * LINES_EACH, reader.seen.size(), "every line delivered once");
    }

    @Test
    void aLineLoggedByAListenerFollowsTheLineItHandles() {
        EventBus bus = new EventBus();
        LogHub hub = new LogHub(bus);
        Reader reader = new Reader();
        AtomicInteger echoes = new AtomicInteger();
        bus.subscribe(event -> {
            if (event instanceof LogLine line && line.text().equals("first") && echoes.getAndIncrement() == 0) {
                hub.info("said by a listener");
            }
        });
        bus.subscribe(event -> {
            if (event instanceof LogLine line) {
                reader.take(line);
            }
        });
        hub.info("first");
        assertEquals(List.of(1L, 2L), reader.seen);
        assertEquals(0, reader.outOfOrder);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
