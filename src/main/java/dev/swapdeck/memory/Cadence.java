package dev.swapdeck.memory;

import java.time.Duration;

/**
 * How often the probe samples: {@code idle} normally, {@code fast} for {@code window} after a model
 * starts or becomes ready (to catch its peak and let waiting requests see freed room soon). The
 * defaults keep an idle probe far below 1 % of a core even with a slow nvidia-smi
 * ({@code docs/performance.md}).
 */
public record Cadence(Duration idle, Duration fast, Duration window) {

    public static final Cadence DEFAULT = new Cadence(Duration.ofSeconds(10), Duration.ofSeconds(1),
            Duration.ofSeconds(20));
}
