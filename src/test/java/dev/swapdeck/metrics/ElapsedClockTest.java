package dev.swapdeck.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The {@code _max} series' window follows elapsed time, not the wall clock. */
class ElapsedClockTest {

    @Test
    void wallTimeMovesAsElapsedTimeDoesFromTheStart() {
        AtomicLong nanos = new AtomicLong(5_000_000_000L);
        ElapsedClock clock = new ElapsedClock(1_700_000_000_000L, nanos::get);
        assertEquals(1_700_000_000_000L, clock.wallTime());
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(90));
        assertEquals(1_700_000_090_000L, clock.wallTime());
        assertEquals(95_000_000_000L, clock.monotonicTime());
    }

    /** A maximum is kept for two to three minutes of elapsed time and then dropped: Micrometer's window, on this clock. */
    @Test
    void aMaximumLastsItsWindowOfElapsedTime() {
        AtomicLong nanos = new AtomicLong();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(),
                new ElapsedClock(0, nanos::get));
        Timer timer = Timer.builder("t").register(registry);
        timer.record(7, TimeUnit.SECONDS);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(100));
        assertEquals(7.0, timer.max(TimeUnit.SECONDS));
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(200));
        assertEquals(0.0, timer.max(TimeUnit.SECONDS));
    }
}
