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
 * @param stage     loading, or how the start ended (the last event for this start)
 */
public record LoadProgress(String model, Instant at, Duration elapsed, Optional<Duration> expected, Stage stage)
        implements Event {
    /** A running start never shows more than this, however late it is: it is not done until it is ready. */
    static final double MAX_RUNNING_FRACTION = 0.99;

    /** Where a start is: under way, or ended ready, or ended otherwise (failed, stopped, cancelled). */
    public enum Stage { LOADING, READY, FAILED }

    /** The start ended, ready or not: the last event for this start. */
    public boolean finished() {
        return stage != Stage.LOADING;
    }

    /** The start ended without the model turning ready. */
    public boolean failed() {
        return stage == Stage.FAILED;
    }

    /**
     * Elapsed over expected, capped below 1 unless ready (1); a failed start keeps how far it came;
     * empty when indeterminate.
     */
    public OptionalDouble fraction() {
        if (stage == Stage.READY) {
            return OptionalDouble.of(1.0);
        }
        if (expected.isEmpty() || expected.get().isZero()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.min(MAX_RUNNING_FRACTION, seconds(elapsed) / seconds(expected.get())));
    }

    /** In seconds, as {@link Duration#toNanos} would overflow for a start of 292 years. */
    private static double seconds(Duration duration) {
        return duration.getSeconds() + duration.getNano() / 1e9;
    }

    /** Expected time left (zero once overdue or ready); empty when indeterminate or failed. */
    public Optional<Duration> remaining() {
        if (stage != Stage.LOADING) {
            return stage == Stage.READY ? Optional.of(Duration.ZERO) : Optional.empty();
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
