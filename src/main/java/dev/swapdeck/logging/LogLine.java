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
    /** Bytes a line counts against a history besides its text. */
    static final int LINE_ALLOWANCE = 16;

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
        String about = model == null ? "" : OneLine.escape(model) + ": ";
        return time + " [" + level + "] " + about + text;
    }

    /**
     * What the line counts against a history's budget: its text, plus a small allowance for the line
     * itself (its end, time and level), so that a history of {@code N} bytes holds about {@code N}
     * bytes of text, as llama-swap's byte ring does, and a flood of empty lines stays bounded too.
     */
    @Override
    public int weight() {
        return LINE_ALLOWANCE + text.length();
    }

    @Override
    public boolean sheddable() {
        return true;
    }
}
