package dev.swapdeck.proxy;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;

/**
 * A client's {@code Connection: close} among other options ({@code keep-alive, close}, or in a second
 * {@code Connection} line) closes the connection after the response, as RFC 9112 §9.6 requires:
 * Undertow honours only a header that is exactly {@code close}.
 */
final class ConnectionClose {
    private ConnectionClose() {
    }

    static void honour(HttpServerExchange exchange) {
        HeaderValues connection = exchange.getRequestHeaders().get(Headers.CONNECTION);
        if (connection == null || !exchange.isPersistent()) {
            return;
        }
        for (String value : connection) {
            for (String option : value.split(",")) {
                if (option.trim().equalsIgnoreCase(Headers.CLOSE.toString())) {
                    exchange.setPersistent(false);
                    return;
                }
            }
        }
    }
}
