package dev.swapdeck.proxy;

import io.undertow.server.HttpServerExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Model names carried in a request path ({@code /upstream/<model>/...}, {@code /logs/stream/<model>}),
 * read the same way everywhere: from the path as the client encoded it (Undertow does not decode it,
 * see {@code ProxyServer}), then percent-decoded and read as UTF-8, so an id holding {@code /} or
 * {@code \} is reached as {@code %2F} or {@code %5C}.
 */
final class ModelInPath {
    private ModelInPath() {
    }

    /** The request path as the client encoded it, without scheme, host or query. */
    static String rawPath(HttpServerExchange exchange) {
        String uri = exchange.getRequestURI();
        if (exchange.isHostIncludedInRequestURI()) {
            int scheme = uri.indexOf("//");
            int slash = scheme < 0 ? -1 : uri.indexOf('/', scheme + 2);
            uri = slash < 0 ? "/" : uri.substring(slash);
        }
        return uri;
    }

    /** A percent-encoded name decoded; a {@code +} stays a plus, as in a path (not a form). */
    static String decode(String raw) {
        return URLDecoder.decode(RequestBytes.asUtf8(raw).replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
