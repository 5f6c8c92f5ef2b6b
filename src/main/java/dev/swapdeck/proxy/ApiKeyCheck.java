package dev.swapdeck.proxy;

import dev.swapdeck.engine.Engine;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * llama-swap's {@code apiKeys} (SPEC §8): when the configuration lists keys, every route but
 * {@code /health} needs one, sent as {@code Authorization: Bearer K}, {@code x-api-key: K} or as the
 * password of {@code Authorization: Basic}, one of them read as llama-swap reads it
 * ({@link #presented}); otherwise 401 with {@code WWW-Authenticate}. Keys are compared in constant
 * time (as SHA-256 digests, so even their lengths do not leak) and never logged. An accepted request
 * goes on with its headers as they came, as llama-swap's does (it removed them for a while, and
 * stopped in #839): a model server started with the same {@code --api-key} needs the key too. A
 * peer's own {@code apiKey} replaces it on the way out. The keys in force are read per request, so a
 * reload applies at once.
 */
final class ApiKeyCheck implements HttpHandler {
    static final HttpString X_API_KEY = new HttpString("x-api-key");

    private final Engine engine;
    private final HttpHandler next;

    ApiKeyCheck(Engine engine, HttpHandler next) {
        this.engine = engine;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        List<String> keys = engine.config().security().apiKeys();
        if (keys.isEmpty() || RouteKind.of(exchange.getRequestPath()) == RouteKind.HEALTH) {
            next.handleRequest(exchange);
            return;
        }
        HeaderMap headers = exchange.getRequestHeaders();
        if (!matchesAny(presented(headers), keys)) {
            ApiError.unauthorized().send(exchange, engine.logs(), null);
            return;
        }
        next.handleRequest(exchange);
    }

    /**
     * The one key the request offers, picked as llama-swap picks it: the password of
     * {@code Authorization: Basic}, else the token of {@code Authorization: Bearer}, else
     * {@code x-api-key}. A wrong key in {@code Authorization} is not made up for by a right
     * {@code x-api-key}. A header's bytes are read as UTF-8, as the keys in the YAML are (Undertow
     * keeps each byte as one character).
     */
    static Optional<String> presented(HeaderMap headers) {
        String authorization = headers.getFirst(Headers.AUTHORIZATION);
        if (authorization != null) {
            String value = authorization.trim();
            int space = value.indexOf(' ');
            String scheme = space < 0 ? "" : value.substring(0, space).toLowerCase(Locale.ROOT);
            String credentials = space < 0 ? "" : value.substring(space + 1).trim();
            Optional<String> key = scheme.equals("basic") ? basicPassword(credentials)
                    : scheme.equals("bearer") ? Optional.of(RequestBytes.asUtf8(credentials)) : Optional.empty();
            if (key.filter(k -> !k.isEmpty()).isPresent()) {
                return key;
            }
        }
        return Optional.ofNullable(headers.getFirst(X_API_KEY)).map(header -> RequestBytes.asUtf8(header.trim()));
    }

    private static Optional<String> basicPassword(String credentials) {
        try {
            String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Compares the offered key with every configured one, without stopping at the first match. */
    static boolean matchesAny(Optional<String> offered, List<String> keys) {
        if (offered.isEmpty()) {
            return false;
        }
        byte[] digest = sha256(offered.get());
        boolean match = false;
        for (String key : keys) {
            match |= MessageDigest.isEqual(digest, sha256(key));
        }
        return match;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
