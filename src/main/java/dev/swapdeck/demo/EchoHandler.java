package dev.swapdeck.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Answers any request it does not otherwise know with a description of what arrived, so tests can
 * check that Swapdeck forwarded method, path, query and body bytes unchanged. The body is hashed as it
 * streams in, never held in memory (uploads may be large).
 */
final class EchoHandler {
    private final String model;

    EchoHandler(String model) {
        this.model = model;
    }

    void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        System.out.println("request " + method + " " + path);
        MessageDigest sha256 = sha256();
        long bytes = 0;
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = exchange.getRequestBody()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, n);
                bytes += n;
            }
        }
        ObjectNode echo = Replies.JSON.createObjectNode()
                .put("served_by", model)
                .put("method", method)
                .put("path", path)
                .put("query", exchange.getRequestURI().getRawQuery())
                .put("content_type", exchange.getRequestHeaders().getFirst("Content-Type"))
                .put("body_bytes", bytes)
                .put("body_sha256", HexFormat.of().formatHex(sha256.digest()));
        ObjectNode headers = echo.putObject("headers");
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                String.join(", ", values)));
        Replies.json(exchange, 200, echo);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
