package dev.swapdeck.proxy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** The proxy's one Jackson mapper and the small helpers that answer with JSON or text. */
final class Json {
    /**
     * Request bodies are bounded by {@code maxBodySize} already; Jackson's own 20 million characters a
     * string would refuse a large image or audio clip sent as base64. Its 1,000 levels of nesting and
     * digits a number refused bodies llama-server reads (5,000 levels); these limits are ten times
     * that, still a bounded cost a level and a digit.
     */
    static final JsonFactory BODIES = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE)
                    .maxNestingDepth(10_000).maxNumberLength(10_000).build())
            .build();
    static final ObjectMapper MAPPER = new ObjectMapper(BODIES);
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
