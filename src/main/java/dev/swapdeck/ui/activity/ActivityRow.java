package dev.swapdeck.ui.activity;

import dev.swapdeck.activity.ActivityRecord;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One recent request as the Activity table shows it: every cell already formatted, so the table
 * only places text. A dash marks what the response did not tell. {@code cutBecause}: why an answer
 * marked {@code cut} ended early, empty for one that did not.
 */
public record ActivityRow(long seq, String time, String model, String status, String duration,
                          String firstToken, String tokens, String speed, boolean failed, String cutBecause) {
    static final String UNKNOWN = "–";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    static ActivityRow of(ActivityRecord record, ZoneId zone) {
        return new ActivityRow(record.seq(),
                TIME.format(record.at().atZone(zone)),
                record.model(),
                record.status() + (record.interruption().isPresent() ? " cut" : ""),
                millis(record.duration()),
                record.timeToFirstToken().map(ActivityRow::millis).orElse(UNKNOWN),
                record.generatedTokens().isPresent()
                        ? (record.generatedTokensCounted() ? "~" : "") + record.generatedTokens().getAsInt() : UNKNOWN,
                record.tokensPerSecond().isPresent() ? speed(record.tokensPerSecond().getAsDouble()) : UNKNOWN,
                record.failed(),
                record.interruption().orElse(""));
    }

    static String millis(Duration duration) {
        long ms = duration.toMillis();
        return ms < 10_000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** One decimal below 100 tokens/s, whole numbers above, so the column stays narrow. */
    static String speed(double tokensPerSecond) {
        return String.format(Locale.ROOT, tokensPerSecond < 100 ? "%.1f t/s" : "%.0f t/s", tokensPerSecond);
    }
}
