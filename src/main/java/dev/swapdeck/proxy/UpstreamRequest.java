package dev.swapdeck.proxy;

import dev.swapdeck.routing.Lease;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The request line and headers sent upstream, built in one buffer so that head and body leave in one
 * gathering write. The target is the upstream's path prefix plus the exchange's request URI and query
 * as the client encoded them; headers pass through except those that describe the client's own
 * connection or the body's old framing (the body is sent whole, with its Content-Length).
 */
final class UpstreamRequest {
    private static final HttpString X_API_KEY = new HttpString("x-api-key");
    private static final Set<HttpString> NOT_FORWARDED = Set.of(Headers.CONTENT_LENGTH, Headers.TRANSFER_ENCODING,
            Headers.EXPECT, Headers.CONNECTION, Headers.KEEP_ALIVE, Headers.TE, Headers.UPGRADE,
            Headers.PROXY_AUTHORIZATION, new HttpString("Proxy-Connection"));
    /** What a browser says of the page that sent a request, which a peer's own origin policy would judge again. */
    private static final Set<HttpString> BROWSER_CONTEXT = Set.of(Headers.ORIGIN, new HttpString("Sec-Fetch-Site"),
            new HttpString("Sec-Fetch-Mode"), new HttpString("Sec-Fetch-Dest"), new HttpString("Sec-Fetch-User"));

    private UpstreamRequest() {
    }

    /**
     * A peer is another server, often a hosted API: it sees its own host name, and its key replaces
     * whatever credentials the client sent to Swapdeck (llama-swap does the same). A browser page's
     * {@code Origin} and {@code Sec-Fetch-*} stay here: this server's origin policy admitted the page,
     * and a peer that is another Swapdeck would refuse an origin only this one's configuration allows.
     */
    static void addressPeer(HttpServerExchange exchange, Lease lease) {
        URI upstream = lease.upstream();
        HeaderMap headers = exchange.getRequestHeaders();
        headers.put(Headers.HOST, upstream.getRawAuthority());
        // this server admitted the page already; to the peer the request comes from this server, not a browser
        for (HttpString browsers : BROWSER_CONTEXT) {
            headers.remove(browsers);
        }
        lease.apiKey().ifPresent(key -> {
            headers.put(Headers.AUTHORIZATION, "Bearer " + key);
            headers.put(X_API_KEY, key);
        });
    }

    /**
     * Call after the body was read in full; {@code bodyLength} is what will follow the head. When the
     * response has started (loading messages), the answer's headers will not reach the client, so its
     * body must come uncoded: a gzip answer would follow the loading events still compressed.
     */
    static ByteBuffer head(HttpServerExchange exchange, URI upstream, long bodyLength) {
        StringBuilder text = new StringBuilder(256);
        text.append(exchange.getRequestMethod()).append(' ').append(target(exchange, upstream)).append(" HTTP/1.1\r\n");
        boolean hasHost = false;
        boolean continuation = exchange.isResponseStarted();
        if (continuation) {
            text.append("Accept-Encoding: identity\r\n");
        }
        for (HeaderValues values : exchange.getRequestHeaders()) {
            HttpString name = values.getHeaderName();
            if (NOT_FORWARDED.contains(name) || continuation && name.equals(Headers.ACCEPT_ENCODING)) {
                continue;
            }
            hasHost |= name.equals(Headers.HOST);
            for (String value : values) {
                text.append(name).append(": ").append(value).append("\r\n");
            }
        }
        if (!hasHost) {
            text.append("Host: ").append(upstream.getRawAuthority()).append("\r\n");
        }
        if (bodyLength > 0 || sendsBody(exchange)) {
            text.append("Content-Length: ").append(bodyLength).append("\r\n");
        }
        text.append("\r\n");
        return ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A request that announced a body keeps announcing one, even an empty one. */
    private static boolean sendsBody(HttpServerExchange exchange) {
        return exchange.getRequestHeaders().contains(Headers.CONTENT_LENGTH)
                || exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
    }

    static String target(HttpServerExchange exchange, URI upstream) {
        String uri = exchange.getRequestURI();
        if (exchange.isHostIncludedInRequestURI()) {
            int scheme = uri.indexOf("//");
            int slash = scheme < 0 ? -1 : uri.indexOf('/', scheme + 2);
            uri = slash < 0 ? "/" : uri.substring(slash);
        }
        String query = exchange.getQueryString();
        return pathPrefix(upstream) + uri + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    /** The upstream's own path without trailing slashes; usually empty (a model's {@code proxy} is a bare address). */
    private static String pathPrefix(URI upstream) {
        String path = upstream.getRawPath();
        int end = path == null ? 0 : path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        return end == 0 ? "" : path.substring(0, end);
    }
}
