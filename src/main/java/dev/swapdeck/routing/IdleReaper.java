package dev.swapdeck.routing;

import dev.swapdeck.logging.ProxyLog;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Asks the router a few times a second to stop models idle past their TTL, and ends the router's short
 * waits ({@link LimitGrace}). One daemon thread.
 */
final class IdleReaper implements AutoCloseable {
    private final ScheduledExecutorService timer;

    IdleReaper(Router router, ProxyLog log, Duration interval) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "swapdeck-ttl");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        // a failure must not cancel the schedule: one bad sweep would end TTL for good
        timer.scheduleWithFixedDelay(() -> {
            try {
                router.expireIdle();
            } catch (RuntimeException e) {
                log.error("TTL check failed, will retry: " + e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} once on this thread after {@code delay}; it must not block. */
    void after(Duration delay, Runnable task) {
        timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
