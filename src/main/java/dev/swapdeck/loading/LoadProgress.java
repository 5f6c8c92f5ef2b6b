package dev.swapdeck.loading;

import dev.swapdeck.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How far a model's start has come (SPEC §12), published as {@code loading} while it starts and once
 * when it ends. Without a learned load time the progress is indeterminate: only the elapsed time.
 *
 * @param elapsed   since the start began
 * @param expected  the load time learned from past starts, if any
 * @param finished  the start ended (ready or failed); the last event for this start
 */
public record LoadProgress(String model, Instant at, Duration elapsed, Optional<Duration> expected, boolean finished)
        implements Event {
    /** A running start never shows more than this, however late it is: it is not done until it is ready. */
    static final double MAX_RUNNING_FRACTION = 0.99;

    /** Elapsed over expected, capped below 1 while running; 1 when finished; empty when indeterminate. */
    public OptionalDouble fraction() {
        if (finished) {
            return OptionalDouble.of(1.0);
        }
        if (expected.isEmpty() || expected.get().isZero()) {
            return OptionalDouble.empty();
        }
        double ratio = (double) elapsed.toNanos() / expected.get().toNanos();
        return OptionalDouble.of(Math.min(MAX_RUNNING_FRACTION, ratio));
    }

    /** Expected time left (zero once overdue); empty when indeterminate. */
    public Optional<Duration> remaining() {
        if (finished) {
            return Optional.of(Duration.ZERO);
        }
        return expected.map(e -> e.compareTo(elapsed) > 0 ? e.minus(elapsed) : Duration.ZERO);
    }

    public boolean indeterminate() {
        return fraction().isEmpty();
    }

    @Override
    public String type() {
        return "loading";
    }
}
