package dev.swapdeck.proxy;

import dev.swapdeck.engine.Engine;
import dev.swapdeck.logging.ProxyLog;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** Refuses a request whose declared Content-Length is past the limit, before reading any of it. */
final class BodyLimit {
    private BodyLimit() {
    }

    /**
     * The checks every forwarding route makes before touching the body: 503 while shutting down,
     * 413 for a declared length past {@code maxBytes}. Returns true when it has answered.
     */
    static boolean refuseEarly(HttpServerExchange exchange, Engine engine, long maxBytes) {
        if (engine.isShuttingDown()) {
            ApiError.shuttingDown().send(exchange, engine.logs(), null);
            return true;
        }
        return refuse(exchange, maxBytes, engine.logs());
    }

    /** Answers 413 and returns true when the declared length is over {@code maxBytes}. */
    private static boolean refuse(HttpServerExchange exchange, long maxBytes, ProxyLog log) {
        String declared = exchange.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH);
        if (declared == null) {
            return false;
        }
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (length <= maxBytes) {
            return false;
        }
        BodyCap.discardAfterRefusal(exchange, maxBytes);
        ApiError.tooLarge(maxBytes).send(exchange, log, null);
        return true;
    }
}
