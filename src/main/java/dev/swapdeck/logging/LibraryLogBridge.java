package dev.swapdeck.logging;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Undertow and XNIO log through java.util.logging. Their start-up chatter is noise to a user, but
 * their warnings (a failed write, a refused connection) belong in the proxy log, where the user
 * looks; this handler sends WARNING and above there and drops the rest.
 */
public final class LibraryLogBridge extends Handler {
    private final ProxyLog log;

    private LibraryLogBridge(ProxyLog log) {
        this.log = log;
    }

    /** Replaces the console handlers of the root JUL logger with one that feeds {@code log}. */
    public static void install(ProxyLog log) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        root.addHandler(new LibraryLogBridge(log));
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() < Level.WARNING.intValue()) {
            return;
        }
        LogLevel level = record.getLevel().intValue() >= Level.SEVERE.intValue() ? LogLevel.ERROR : LogLevel.WARN;
        String message = record.getMessage();
        if (record.getParameters() != null && record.getParameters().length > 0 && message != null) {
            message = java.text.MessageFormat.format(message, record.getParameters());
        }
        Throwable thrown = record.getThrown();
        log.log(level, null, record.getLoggerName() + ": " + message + (thrown == null ? "" : " (" + thrown + ")"));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
