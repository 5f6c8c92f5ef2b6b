package dev.swapdeck.ui;

import java.time.Duration;
import java.util.Locale;

/** Compact durations for table cells: {@code 42s}, {@code 3m 05s}, {@code 1h 02m}, {@code 2d 03h}. */
public final class Durations {
    private Durations() {
    }

    public static String compact(Duration duration) {
        long s = Math.max(0, duration.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format(Locale.ROOT, "%dh %02dm", s / 3600, s % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd %02dh", s / 86_400, s % 86_400 / 3600);
    }
}
