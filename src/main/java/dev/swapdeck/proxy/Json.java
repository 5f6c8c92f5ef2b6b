package dev.swapdeck.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** The proxy's one Jackson mapper and the small helpers that answer with JSON or text. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String CONTENT_TYPE = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";

    private Json() {
    }

    /** Answers 200 with {@code body} serialised by Jackson. */
    static void send(HttpServerExchange exchange, Object body) {
        send(exchange, 200, body);
    }

    static void send(HttpServerExchange exchange, int status, Object body) {
        String text;
        try {
            text = MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a response body", e);
        }
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, CONTENT_TYPE);
        exchange.getResponseSender().send(text);
    }

    static void sendText(HttpServerExchange exchange, String text) {
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, TEXT);
        exchange.getResponseSender().send(text);
    }
}
