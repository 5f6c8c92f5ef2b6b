package dev.swapdeck.ui.models;

import dev.swapdeck.loading.LoadProgress;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.ui.Durations;
import java.time.Duration;
import java.util.Optional;

/**
 * How a start under way reads (SPEC §12): with a load time learned from earlier starts, a bar
 * filling towards it and the expected time left; for a model never loaded before, an indeterminate
 * bar and the time elapsed, since nothing says how long it will take. The health-check timeout
 * stays in the sentence: it is when the start is given up.
 */
final class StartProgress {
    private StartProgress() {
    }

    /**
     * The row's badge: the elapsed time against the health-check timeout (SPEC §7), and while a learned
     * load time has not run out, the time it leaves, on a line of its own: on one line beside the bar
     * the two took most of a narrow list's row from the model's name.
     */
    static StateBadge badge(Optional<LoadProgress> load, Duration elapsed, Duration timeout) {
        Optional<Duration> left = load.flatMap(LoadProgress::remaining).filter(d -> !d.isZero());
        double fraction = load.flatMap(p -> p.fraction().isPresent()
                ? Optional.of(p.fraction().getAsDouble()) : Optional.empty()).orElse(-1.0);
        String detail = Durations.compact(elapsed) + " of " + Durations.compact(timeout)
                + left.map(d -> "\n~" + Durations.compact(d) + " left").orElse("");
        return new StateBadge(ProcessState.STARTING, false, ProcessState.STARTING.label(), detail, fraction, false);
    }

    static String sentence(Optional<LoadProgress> load, Duration elapsed, Duration timeout) {
        Optional<Duration> expected = load.flatMap(LoadProgress::expected).filter(d -> !d.isZero());
        String limit = " (gives up after the " + Durations.compact(timeout) + " health-check timeout)";
        if (expected.isEmpty()) {
            return "starting for " + Durations.compact(elapsed) + "; first start, so no expected time yet" + limit;
        }
        Duration left = expected.get().compareTo(elapsed) > 0 ? expected.get().minus(elapsed) : Duration.ZERO;
        String eta = left.isZero() ? "taking longer than its usual " + Durations.compact(expected.get())
                : "about " + Durations.compact(left) + " left of its usual " + Durations.compact(expected.get());
        return "starting for " + Durations.compact(elapsed) + ", " + eta + limit;
    }
}
