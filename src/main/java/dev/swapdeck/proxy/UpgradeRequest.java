package dev.swapdeck.proxy;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;

/**
 * Whether a client asks to switch protocols (a WebSocket handshake through {@code /upstream/}): an
 * {@code Upgrade} header named by a {@code Connection} header (RFC 9110 §7.8). Undertow's
 * {@code HttpServerExchange.isUpgrade()} says something else: that the response's status is 101.
 *
 * <p>An offer of {@code h2c} alone is no such request: a server that speaks HTTP/1.1 only answers it
 * in HTTP/1.1 (RFC 9113 §3.1 and RFC 9110 §7.8 let it ignore the offer), and Java's
 * {@code HttpClient} makes it on every plain request by default. Swapdeck ignores it, so the request
 * takes the usual path and the offer is dropped with the other hop-by-hop headers.
 */
final class UpgradeRequest {
    private static final String H2C = "h2c";
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
        return names(connection, Headers.UPGRADE_STRING) && offersMoreThanH2c(exchange.getRequestHeaders().get(Headers.UPGRADE));
    }

    private static boolean names(HeaderValues values, String wanted) {
        for (String value : values) {
            for (String token : value.split(",")) {
                if (token.trim().equalsIgnoreCase(wanted)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean offersMoreThanH2c(HeaderValues upgrade) {
        for (String value : upgrade) {
            for (String protocol : value.split(",")) {
                String name = protocol.trim();
                if (!name.isEmpty() && !name.equalsIgnoreCase(H2C)) {
                    return true;
                }
            }
        }
        return false;
    }
}
