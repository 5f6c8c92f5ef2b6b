package dev.swapdeck.metrics;

import io.micrometer.core.instrument.Clock;
import java.util.function.LongSupplier;

/**
 * Micrometer's clock, with a wall time that moves only as time elapses. Micrometer rotates each
 * {@code _max} series' window on the wall clock: after the system clock was set back an hour (an
 * NTP correction, a virtual machine resumed), a maximum stayed for that hour and more; set forward,
 * it was dropped at once. Counted from {@link System#nanoTime}, the window is two to three minutes
 * whatever the clock does.
 */
final class ElapsedClock implements Clock {
    private final long startMillis;
    private final long startNanos;
    private final LongSupplier nanoTime;

    ElapsedClock() {
        this(System.currentTimeMillis(), System::nanoTime);
    }

    ElapsedClock(long startMillis, LongSupplier nanoTime) {
        this.startMillis = startMillis;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
    }

    @Override
    public long wallTime() {
        return startMillis + (nanoTime.getAsLong() - startNanos) / 1_000_000;
    }

    @Override
    public long monotonicTime() {
        return nanoTime.getAsLong();
    }
}
