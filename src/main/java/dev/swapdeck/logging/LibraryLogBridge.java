package dev.swapdeck.logging;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Undertow and XNIO log through java.util.logging. Their start-up chatter is noise to a user, but
 * their warnings (a failed write, a refused connection) belong in the proxy log, where the user
 * looks; this handler sends WARNING and above there and drops the rest. One debug message is kept
 * as a warning: a request Undertow could not parse, which it answers with an empty 400 and closes
 * before any route sees it, would otherwise leave the user no trace of why a client failed.
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
        REQUEST_IO.setLevel(Level.FINE);
    }

    /** Held here: java.util.logging keeps loggers weakly, and with them the level set on one. */
    private static final Logger REQUEST_IO = Logger.getLogger("io.undertow.request.io");
    /** Undertow's "Failed to parse request", logged as it answers 400 to a malformed request line or header. */
    private static final String UNPARSABLE_REQUEST = "UT005014";

    @Override
    public void publish(LogRecord record) {
        if (isUnparsableRequest(record)) {
            log.warn("a client's request could not be read and was answered 400 with no body, its connection closed: "
                    + ParseFailure.reason(record.getThrown()));
            return;
        }
        if (record.getLevel().intValue() < Level.WARNING.intValue() || isClasspathNotice(record)) {
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

    private static boolean isUnparsableRequest(LogRecord record) {
        return REQUEST_IO.getName().equals(record.getLoggerName()) && record.getMessage() != null
                && record.getMessage().startsWith(UNPARSABLE_REQUEST);
    }

    /**
     * JavaFX warns when it is loaded from the classpath rather than as modules. The fat jar does that
     * on purpose (see TOOLCHAIN notes on {@code java -jar}); the notice tells the user nothing.
     */
    private static boolean isClasspathNotice(LogRecord record) {
        String message = record.getMessage();
        return message != null && message.startsWith("Unsupported JavaFX configuration");
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
