package dev.swapdeck.logging;

import java.util.Locale;
import java.util.Optional;

/** Severity of a log line; the proxy log is filtered by the configured {@code logLevel}. */
public enum LogLevel {
    DEBUG, INFO, WARN, ERROR;

    /** Parses {@code debug}, {@code info}, {@code warn} (or {@code warning}), {@code error}. */
    public static Optional<LogLevel> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "debug": return Optional.of(DEBUG);
            case "info": return Optional.of(INFO);
            case "warn":
            case "warning": return Optional.of(WARN);
            case "error": return Optional.of(ERROR);
            default: return Optional.empty();
        }
    }

    /**
     * A best guess at the level of a line an upstream printed, used only for colouring: upstreams
     * write free text, so this looks for the usual markers and defaults to {@link #INFO}.
     */
    public static LogLevel guess(String line) {
        int limit = Math.min(line.length(), 48);
        String head = line.substring(0, limit).toLowerCase(Locale.ROOT);
        if (head.contains("error") || head.contains(" e ") || head.startsWith("e ") || head.contains("fatal")
                || head.contains("panic")) {
            return ERROR;
        }
        if (head.contains("warn") || head.startsWith("w ")) {
            return WARN;
        }
        if (head.contains("debug") || head.startsWith("d ")) {
            return DEBUG;
        }
        return INFO;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
