package dev.swapdeck.routing;

import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.ProxyLog;
import dev.swapdeck.process.Frozen;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.process.StateChanged;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Asks the router a few times a second to stop models idle past their TTL (not in the first sweep
 * after Swapdeck was frozen: {@link Frozen}), and ends the router's short waits ({@link LimitGrace});
 * tells it at once when one of its models' processes dies, so a swap that waited for that model goes
 * now rather than at the next sweep. One daemon thread.
 */
final class IdleReaper implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private final AutoCloseable deaths;

    IdleReaper(Router router, ProxyLog log, Duration interval, EventBus bus) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "swapdeck-ttl");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        long[] lastSweep = {System.nanoTime()};
        // a failure must not cancel the schedule: one bad sweep would end TTL for good
        timer.scheduleWithFixedDelay(() -> {
            long now = System.nanoTime();
            long frozen = Frozen.during(now - lastSweep[0], interval.toNanos());
            lastSweep[0] = now;
            if (frozen > 0) {
                return; // Swapdeck was not running: what clients sent meanwhile is read before anything expires
            }
            try {
                router.expireIdle();
            } catch (RuntimeException e) {
                log.error("TTL check failed, will retry: " + e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        // on the timer's thread: the event comes from the process, which the router's lock may be waiting for
        deaths = bus.subscribe(event -> {
            if (event instanceof StateChanged change && change.to() == ProcessState.STOPPED && change.failed()) {
                try {
                    timer.execute(() -> router.died(change.model()));
                } catch (RejectedExecutionException e) {
                    // closed: the router is retired
                }
            }
        });
    }

    /** Runs {@code task} once on this thread after {@code delay}; it must not block. */
    void after(Duration delay, Runnable task) {
        timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        try {
            deaths.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot unsubscribe from the event bus", e);
        }
        timer.shutdownNow();
    }
}
