package dev.swapdeck.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@code text/event-stream} answer: {@code count} chunks {@code data: {json}\n\n}, each
 * flushed on its own so a proxy that buffers is caught, then an optional trailer chunk (the usage
 * report), then {@code data: [DONE]\n\n}.
 */
final class SseStream {
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    /** Makes chunk {@code index} of {@code count}; called just before it is sent. */
    @FunctionalInterface
    interface ChunkFactory {
        ObjectNode chunk(int index, int count, String token);
    }

    private final HttpExchange exchange;
    private final ChunkFactory factory;

    SseStream(HttpExchange exchange, ChunkFactory factory) {
        this.exchange = exchange;
        this.factory = factory;
    }

    /** Sends the stream, pausing {@code delayMs} between chunks. A client that leaves ends it. */
    void send(int count, long delayMs, String[] words, ObjectNode trailer) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < count; i++) {
                if (i > 0 && delayMs > 0) {
                    pause(delayMs);
                }
                String token = words[i % words.length] + (i == count - 1 ? "" : " ");
                out.write(DATA);
                out.write(Replies.JSON.writeValueAsBytes(factory.chunk(i, count, token)));
                out.write(END);
                out.flush();
            }
            if (trailer != null) {
                out.write(DATA);
                out.write(Replies.JSON.writeValueAsBytes(trailer));
                out.write(END);
            }
            out.write(DONE);
        }
    }

    private static void pause(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while streaming", e);
        }
    }
}
