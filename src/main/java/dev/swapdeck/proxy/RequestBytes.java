package dev.swapdeck.proxy;

import java.nio.charset.StandardCharsets;

/**
 * Text of a request's head as the client meant it. Undertow keeps each byte of a request target
 * (which the server does not decode, see {@code ProxyServer}) and of a header value as one
 * character; clients send non-ASCII text in them as UTF-8 (curl a model name, an API key).
 */
final class RequestBytes {
    private RequestBytes() {
    }

    /** {@code text}'s bytes, one per character as Undertow kept them, read as UTF-8. */
    static String asUtf8(String text) {
        return new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
