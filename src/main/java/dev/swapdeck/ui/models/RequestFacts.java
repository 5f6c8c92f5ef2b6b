package dev.swapdeck.ui.models;

import dev.swapdeck.activity.ActivityRecord;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A model's own activity in its row: the speed of its latest request that reported one, and its
 * {@link #RECENT} latest requests as short lines. The Activity view has every request; this is the
 * glance the detail pane gives.
 */
final class RequestFacts {
    static final int RECENT = 5;
    private static final char NO_BREAK = '\u00a0';
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private RequestFacts() {
    }

    static void apply(ModelRow row, ActivityRecord record) {
        if (record.tokensPerSecond().isPresent()) {
            row.speed.set(speed(record.tokensPerSecond().getAsDouble()));
        }
        List<String> lines = new ArrayList<>();
        lines.add(line(record));
        String before = row.recentRequests.get();
        if (!before.isEmpty()) {
            lines.addAll(Arrays.asList(before.split("\n")));
        }
        row.recentRequests.set(String.join("\n", lines.subList(0, Math.min(RECENT, lines.size()))));
    }

    /** One decimal below 100 tokens/s, whole numbers above, as the Activity table writes it. */
    static String speed(double tokensPerSecond) {
        return String.format(Locale.ROOT, tokensPerSecond < 100 ? "%.1f tok/s" : "%.0f tok/s", tokensPerSecond);
    }

    /**
     * {@code 14:02:11  200 in 257 ms, first token 8 ms, 390 tok/s}. Each figure is held to its unit
     * by no-break spaces, so that a narrow detail pane wraps the line between figures, never inside one.
     */
    static String line(ActivityRecord record) {
        StringBuilder text = new StringBuilder()
                .append(TIME.format(record.at().atZone(ZoneId.systemDefault())))
                .append("  ").append(record.status()).append(record.interruption().isPresent() ? NO_BREAK + "cut" : "")
                .append(" in ").append(record.duration().toMillis()).append(NO_BREAK).append("ms");
        record.timeToFirstToken().ifPresent(t -> text.append(", first token ").append(t.toMillis()).append(NO_BREAK).append("ms"));
        if (record.tokensPerSecond().isPresent()) {
            text.append(", ").append(speed(record.tokensPerSecond().getAsDouble()).replace(' ', NO_BREAK));
        }
        return text.toString();
    }
}
