package dev.swapdeck.proxy;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The status line and headers of an upstream's HTTP/1.x response, parsed from the bytes read so far.
 * Pure: {@link #parse} either consumes a whole head from the buffer or leaves it untouched.
 */
record UpstreamHead(boolean http11, int status, String reason, HeaderMap headers) {
    private static final Set<HttpString> HOP_BY_HOP = Set.of(Headers.CONNECTION, Headers.KEEP_ALIVE,
            Headers.TRANSFER_ENCODING, Headers.TE, Headers.UPGRADE, new HttpString("Proxy-Connection"));

    /** How the body that follows is delimited (RFC 9112 §6.3). */
    enum Framing { NONE, LENGTH, CHUNKED, UNTIL_CLOSE }

    /**
     * Parses one head from {@code buffer} (read mode). Returns null, leaving the buffer as it was, when
     * the head is not complete yet; otherwise moves the buffer's position past the blank line.
     */
    static UpstreamHead parse(ByteBuffer buffer) throws IOException {
        int start = buffer.position();
        int end = headEnd(buffer, start);
        if (end < 0) {
            return null;
        }
        byte[] bytes = new byte[end - start];
        buffer.get(bytes);
        String head = new String(bytes, StandardCharsets.ISO_8859_1);
        int lineEnd = lineEnd(head, 0);
        String statusLine = head.substring(0, lineEnd);
        int firstSpace = statusLine.indexOf(' ');
        if (firstSpace < 0 || !statusLine.startsWith("HTTP/1.")) {
            throw new IOException("the upstream's answer is not HTTP/1.x: " + abbreviate(statusLine));
        }
        int secondSpace = statusLine.indexOf(' ', firstSpace + 1);
        HeaderMap headers = new HeaderMap();
        for (int from = next(head, lineEnd); from < head.length(); from = next(head, lineEnd)) {
            lineEnd = lineEnd(head, from);
            if (lineEnd == from) {
                continue;
            }
            int colon = head.indexOf(':', from);
            if (colon <= from || colon > lineEnd) {
                throw new IOException("the upstream sent a malformed header line: "
                        + abbreviate(head.substring(from, lineEnd)));
            }
            headers.add(new HttpString(head.substring(from, colon).trim()), head.substring(colon + 1, lineEnd).trim());
        }
        try {
            return new UpstreamHead(statusLine.startsWith("HTTP/1.1 "), Integer.parseInt(secondSpace < 0
                    ? statusLine.substring(firstSpace + 1) : statusLine.substring(firstSpace + 1, secondSpace)),
                    secondSpace < 0 ? "" : statusLine.substring(secondSpace + 1), headers);
        } catch (NumberFormatException e) {
            throw new IOException("the upstream sent a malformed status line: " + abbreviate(statusLine));
        }
    }

    /** Where the line that starts at {@code from} ends, before its CR LF (or bare LF). */
    private static int lineEnd(String head, int from) {
        int lf = head.indexOf('\n', from);
        int end = lf < 0 ? head.length() : lf;
        return end > from && head.charAt(end - 1) == '\r' ? end - 1 : end;
    }

    /** Where the line after the one ending at {@code lineEnd} starts. */
    private static int next(String head, int lineEnd) {
        int lf = head.indexOf('\n', lineEnd);
        return lf < 0 ? head.length() : lf + 1;
    }

    /** Index just past the blank line that ends the head, or -1. */
    private static int headEnd(ByteBuffer buffer, int from) {
        for (int i = from; i < buffer.limit(); i++) {
            if (buffer.get(i) == '\n') {
                if (i + 1 < buffer.limit() && buffer.get(i + 1) == '\n') {
                    return i + 2;
                }
                if (i + 2 < buffer.limit() && buffer.get(i + 1) == '\r' && buffer.get(i + 2) == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    /** 1xx answers (100 Continue, 103 Early Hints) precede the real one and carry no body. */
    boolean informational() {
        return status >= 100 && status < 200;
    }

    Framing framing(boolean headRequest) {
        if (headRequest || status == 204 || status == 304) {
            return Framing.NONE;
        }
        String encoding = headers.getLast(Headers.TRANSFER_ENCODING);
        if (encoding != null && encoding.toLowerCase().contains("chunked")) {
            return Framing.CHUNKED;
        }
        return headers.contains(Headers.CONTENT_LENGTH) ? Framing.LENGTH : Framing.UNTIL_CLOSE;
    }

    long contentLength() throws IOException {
        try {
            return Long.parseLong(headers.getFirst(Headers.CONTENT_LENGTH).trim());
        } catch (NumberFormatException e) {
            throw new IOException("the upstream sent a malformed Content-Length");
        }
    }

    /** True when the upstream lets the connection carry another request after this response. */
    boolean keepsAlive() {
        String connection = headers.getFirst(Headers.CONNECTION);
        if (connection == null) {
            return http11;
        }
        String value = connection.toLowerCase();
        return http11 ? !value.contains("close") : value.contains("keep-alive");
    }

    /**
     * Gives the client this status and these headers, less those that describe the upstream connection
     * or its framing (Undertow frames the client's response itself; a Content-Length passes through).
     */
    void copyTo(HttpServerExchange exchange, Framing framing) {
        exchange.setStatusCode(status);
        if (!reason.isEmpty()) {
            exchange.setReasonPhrase(reason);
        }
        HeaderMap target = exchange.getResponseHeaders();
        for (HeaderValues values : headers) {
            HttpString name = values.getHeaderName();
            if (HOP_BY_HOP.contains(name) || name.equals(Headers.CONTENT_LENGTH) && framing == Framing.CHUNKED) {
                continue;
            }
            target.putAll(name, values);
        }
    }

    private static String abbreviate(String line) {
        return line.length() > 80 ? line.substring(0, 80) + "…" : line;
    }
}
