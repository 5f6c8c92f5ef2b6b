package dev.swapdeck.ui.activity;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a {@link TimeChart} puts its ticks: round steps (1, 2 or 5 times a power of ten for values;
 * whole seconds, minutes and hours for times), about {@code target} of them over a range. Pure.
 */
final class AxisTicks {
    private static final double[] TIME_STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200,
        10800, 21600, 43200, 86400};

    private AxisTicks() {
    }

    /** The smallest round value step that puts at most {@code target} steps over {@code span}. */
    static double valueStep(double span, int target) {
        if (!(span > 0)) {
            return 1;
        }
        double raw = span / target;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double factor : new double[] {1, 2, 5}) {
            if (factor * magnitude >= raw) {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** The smallest step in seconds, from whole seconds to a day, that puts at most {@code target} steps over {@code span}. */
    static double timeStep(double span, int target) {
        double raw = span / target;
        for (double step : TIME_STEPS) {
            if (step >= raw) {
                return step;
            }
        }
        return TIME_STEPS[TIME_STEPS.length - 1] * Math.ceil(raw / TIME_STEPS[TIME_STEPS.length - 1]);
    }

    /** The multiples of {@code step} from {@code min} to {@code max}, both included. */
    static List<Double> ticks(double min, double max, double step) {
        return ticks(min, max, step, 0);
    }

    /**
     * The times, in epoch seconds from {@code min} to {@code max}, both included, that are multiples of
     * {@code step} on {@code zone}'s clock: in Kathmandu (+05:45) two-hour ticks read 18:00 and 20:00,
     * not 17:45 and 19:45.
     */
    static List<Double> timeTicks(double min, double max, double step, ZoneId zone) {
        return ticks(min, max, step, zone.getRules().getOffset(Instant.ofEpochSecond((long) min)).getTotalSeconds());
    }

    /** The values from {@code min} to {@code max}, both included, that {@code shift} makes multiples of {@code step}. */
    private static List<Double> ticks(double min, double max, double step, double shift) {
        List<Double> ticks = new ArrayList<>();
        // adding zero turns the -0.0 that ceil gives just below zero into 0.0
        double first = Math.ceil((min + shift) / step - 1e-9) * step - shift + 0.0;
        for (double tick = first; tick <= max + step * 1e-9; tick += step) {
            ticks.add(tick);
        }
        return ticks;
    }
}
