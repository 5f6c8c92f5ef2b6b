package dev.swapdeck.logging;

import dev.swapdeck.event.Event;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One line of the proxy or upstream log. {@code model} is the model whose process printed it
 * (upstream), or the model a proxy message is about, or {@code null}.
 */
public record LogLine(long seq, Instant at, LogStream stream, String model, LogLevel level, String text)
        implements Event {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    @Override
    public String type() {
        return "log";
    }

    /**
     * The line as {@code /logs} and the log streams print it: upstream lines exactly as printed,
     * proxy lines with time, level and the model they are about.
     */
    public String render() {
        if (stream == LogStream.UPSTREAM) {
            return text;
        }
        String time = TIME.format(LocalDateTime.ofInstant(at, ZoneId.systemDefault()));
        String about = model == null ? "" : model + ": ";
        return time + " [" + level + "] " + about + text;
    }

    /** Approximate heap cost, used to bound histories by size rather than by count. */
    int weight() {
        return 64 + 2 * text.length();
    }
}
