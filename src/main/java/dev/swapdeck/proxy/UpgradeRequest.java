package dev.swapdeck.proxy;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;

/**
 * Whether a client asks to switch protocols (a WebSocket handshake through {@code /upstream/}): an
 * {@code Upgrade} header named by a {@code Connection} header (RFC 9110 §7.8). Undertow's
 * {@code HttpServerExchange.isUpgrade()} says something else: that the response's status is 101.
 */
final class UpgradeRequest {
    private UpgradeRequest() {
    }

    static boolean asked(HttpServerExchange exchange) {
        if (!exchange.getRequestHeaders().contains(Headers.UPGRADE)) {
            return false;
        }
        HeaderValues connection = exchange.getRequestHeaders().get(Headers.CONNECTION);
        if (connection == null) {
            return false;
        }
        for (String value : connection) {
            for (String token : value.split(",")) {
                if (token.trim().equalsIgnoreCase(Headers.UPGRADE_STRING)) {
                    return true;
                }
            }
        }
        return false;
    }
}
