package dev.swapdeck.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;

/** JSON bodies the demo upstream sends, shaped like OpenAI's and llama-server's. */
final class Replies {
    static final ObjectMapper JSON = new ObjectMapper();

    private Replies() {
    }

    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static ObjectNode status(String status) {
        return JSON.createObjectNode().put("status", status);
    }

    static ObjectNode models(String model) {
        ObjectNode list = JSON.createObjectNode().put("object", "list");
        list.putArray("data").addObject()
                .put("id", model)
                .put("object", "model")
                .put("created", Instant.now().getEpochSecond())
                .put("owned_by", "swapdeck-demo");
        return list;
    }

    /** OpenAI's error shape: {@code {"error":{"message","type","code"}}}. */
    static ObjectNode error(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error")
                .put("message", message)
                .put("type", status >= 500 ? "server_error" : "invalid_request_error")
                .put("code", status);
        return body;
    }

    /** Microseconds since the epoch: comparable across JVMs, unlike {@link System#nanoTime()}. */
    static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000L;
    }
}
