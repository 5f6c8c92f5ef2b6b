package dev.swapdeck.logging;

/**
 * Swapdeck's own log (the "proxy" pane and {@code /logs/stream/proxy}). Messages below the configured
 * level are discarded. Thread-safe, never blocks.
 */
public interface ProxyLog {
    void log(LogLevel level, String model, String message);

    default void debug(String message) {
        log(LogLevel.DEBUG, null, message);
    }

    default void info(String message) {
        log(LogLevel.INFO, null, message);
    }

    default void warn(String message) {
        log(LogLevel.WARN, null, message);
    }

    default void error(String message) {
        log(LogLevel.ERROR, null, message);
    }
}
