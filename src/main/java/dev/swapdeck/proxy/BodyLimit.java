package dev.swapdeck.proxy;

import dev.swapdeck.engine.Engine;
import dev.swapdeck.logging.ProxyLog;
import io.undertow.io.Receiver;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import java.io.IOException;

/** Refuses a body that is too large: by its declared length before reading any of it, or when a read passes the limit. */
final class BodyLimit {
    private BodyLimit() {
    }

    /**
     * The checks every forwarding route makes before touching the body: 503 while shutting down,
     * 413 for a declared length past {@code maxBytes}. Returns true when it has answered (and recorded
     * the refusal in the activity log).
     */
    static boolean refuseEarly(HttpServerExchange exchange, Engine engine, long maxBytes) {
        if (engine.isShuttingDown()) {
            ActivityTap.refused(exchange, engine.activity(), "");
            ApiError.shuttingDown().send(exchange, engine.logs(), null);
            return true;
        }
        if (!declaredPast(exchange, maxBytes)) {
            return false;
        }
        ActivityTap.refused(exchange, engine.activity(), "");
        BodyCap.discardAfterRefusal(exchange, maxBytes);
        ApiError.tooLarge(maxBytes).send(exchange, engine.logs(), null);
        return true;
    }

    /**
     * Answers a body that could not be read: 413 when it passed {@code limit}, Undertow's receiver's
     * or the {@link BodyCap} (the rest is then drained as after any 413), else 400 ({@link ApiError#unreadableBody}).
     */
    static void unreadable(HttpServerExchange exchange, IOException e, long limit, ProxyLog log, String model) {
        if (passedTheLimit(e)) {
            BodyCap.discardAfterRefusal(exchange, limit);
            ApiError.tooLargeForRoute(limit).send(exchange, log, model);
        } else {
            ApiError.unreadableBody(e).send(exchange, log, model);
        }
    }

    /** Whether {@code e} or a cause of it is a limit's: a receiver's read listener wraps what the read threw. */
    static boolean passedTheLimit(Throwable e) {
        for (Throwable at = e; at != null; at = at.getCause()) {
            if (at instanceof RequestTooBigException || at instanceof Receiver.RequestToLargeException) {
                return true;
            }
        }
        return false;
    }

    /** Whether the declared length is over {@code maxBytes}. */
    private static boolean declaredPast(HttpServerExchange exchange, long maxBytes) {
        String declared = exchange.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH);
        if (declared == null) {
            return false;
        }
        try {
            return Long.parseLong(declared.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
