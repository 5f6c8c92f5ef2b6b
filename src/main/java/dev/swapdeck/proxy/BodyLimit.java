package dev.swapdeck.proxy;

import dev.swapdeck.logging.ProxyLog;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** Refuses a request whose declared Content-Length is past the limit, before reading any of it. */
final class BodyLimit {
    private BodyLimit() {
    }

    /** Answers 413 and returns true when the declared length is over {@code maxBytes}. */
    static boolean refuse(HttpServerExchange exchange, long maxBytes, ProxyLog log) {
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
        // The body stays unread, so the connection cannot be reused.
        exchange.setPersistent(false);
        ApiError.tooLarge(maxBytes).send(exchange, log, null);
        return true;
    }
}
