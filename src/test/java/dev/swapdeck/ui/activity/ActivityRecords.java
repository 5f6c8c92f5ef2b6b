package dev.swapdeck.ui.activity;

import dev.swapdeck.activity.ActivityRecord;
import dev.swapdeck.activity.TokenCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** Ended requests as the proxy records them, for tests that feed the window without a proxy. */
public final class ActivityRecords {
    private static final Instant EPOCH = Instant.parse("2026-12-01T12:00:00Z");

    private ActivityRecords() {
    }

    /** A streamed chat of 32 tokens at {@code speed} tokens/s (llama.cpp's own figure), {@code seq} seconds in. */
    public static ActivityRecord ended(long seq, String model, int status, double speed) {
        TokenCounts counts = new TokenCounts(OptionalInt.of(12), OptionalInt.of(32), OptionalDouble.of(speed));
        return new ActivityRecord(seq, EPOCH.plusSeconds(seq), model, "POST", "/v1/chat/completions", status, true,
                Duration.ofMillis(900), Optional.of(Duration.ofMillis(120)), counts, ActivityRecord.Wait.NONE,
                Optional.empty());
    }

    /** A streamed chat whose client left after its first tokens: five, counted from the stream's events. */
    public static ActivityRecord cut(long seq, String model) {
        TokenCounts counts = new TokenCounts(OptionalInt.empty(), OptionalInt.of(5), OptionalDouble.empty(), true);
        return new ActivityRecord(seq, EPOCH.plusSeconds(seq), model, "POST", "/v1/chat/completions", 200, true,
                Duration.ofMillis(400), Optional.of(Duration.ofMillis(120)), counts, ActivityRecord.Wait.NONE,
                Optional.of("the client left before the answer ended"));
    }

    /** A failed request that never produced a token. */
    public static ActivityRecord failed(long seq, String model) {
        return new ActivityRecord(seq, EPOCH.plusSeconds(seq), model, "POST", "/v1/chat/completions", 502, false,
                Duration.ofMillis(15), Optional.empty(), TokenCounts.NONE, ActivityRecord.Wait.NONE,
                Optional.empty());
    }
}
