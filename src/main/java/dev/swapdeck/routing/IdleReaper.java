package dev.swapdeck.routing;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Asks the router a few times a second to stop models idle past their TTL. One daemon thread. */
final class IdleReaper implements AutoCloseable {
    private final ScheduledExecutorService timer;

    IdleReaper(Router router, Duration interval) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "swapdeck-ttl");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(router::expireIdle, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
