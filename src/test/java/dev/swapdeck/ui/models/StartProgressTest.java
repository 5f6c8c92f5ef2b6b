package dev.swapdeck.ui.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swapdeck.loading.LoadProgress.Stage;
import dev.swapdeck.loading.LoadProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a start under way reads, with and without a learned load time: always against the health-check timeout. */
class StartProgressTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Test
    void aLearnedLoadTimeFillsTheBarAndSaysWhatIsLeft() {
        Optional<LoadProgress> load = Optional.of(progress(3, Optional.of(Duration.ofSeconds(12))));
        StateBadge badge = StartProgress.badge(load, Duration.ofSeconds(3), TIMEOUT);
        assertEquals(0.25, badge.progress(), 1e-9);
        assertEquals("3s of 2m 00s\n~9s left", badge.detail());
        assertEquals("starting for 3s, about 9s left of its usual 12s (gives up after the 2m 00s health-check timeout)",
                StartProgress.sentence(load, Duration.ofSeconds(3), TIMEOUT));
    }

    @Test
    void anOverdueStartStaysShortOfFullAndSaysSo() {
        Optional<LoadProgress> load = Optional.of(progress(20, Optional.of(Duration.ofSeconds(12))));
        StateBadge badge = StartProgress.badge(load, Duration.ofSeconds(20), TIMEOUT);
        assertEquals(0.99, badge.progress(), 1e-9);
        assertEquals("20s of 2m 00s", badge.detail(), "no '~0s left' standing still once the usual time is past");
        assertEquals("starting for 20s, taking longer than its usual 12s (gives up after the 2m 00s health-check timeout)",
                StartProgress.sentence(load, Duration.ofSeconds(20), TIMEOUT));
    }

    @Test
    void aModelNeverLoadedBeforeIsIndeterminateWithItsElapsedTime() {
        Optional<LoadProgress> load = Optional.of(progress(7, Optional.empty()));
        for (Optional<LoadProgress> unknown : java.util.List.of(load, Optional.<LoadProgress>empty())) {
            StateBadge badge = StartProgress.badge(unknown, Duration.ofSeconds(7), TIMEOUT);
            assertEquals(-1, badge.progress(), "JavaFX's indeterminate progress");
            assertEquals("7s of 2m 00s", badge.detail());
            assertEquals("starting for 7s; first start, so no expected time yet (gives up after the 2m 00s health-check timeout)",
                    StartProgress.sentence(unknown, Duration.ofSeconds(7), TIMEOUT));
        }
    }

    private static LoadProgress progress(long elapsedSeconds, Optional<Duration> expected) {
        return new LoadProgress("alpha", Instant.now(), Duration.ofSeconds(elapsedSeconds), expected, Stage.LOADING);
    }
}
