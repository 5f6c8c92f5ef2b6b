package dev.swapdeck.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /v1/chat/completions} and {@code /v1/completions}. Answers name the model that served
 * them ({@code served_by}) and echo the parsed request ({@code received}) so tests can see what
 * Swapdeck forwarded. Body fields only the demo reads: {@code demo_status} (answer with that HTTP
 * status and an OpenAI-shaped error), {@code demo_delay_ms} (pause between generated tokens, streamed
 * or not) and
 * {@code demo_think_ms} (pause before answering at all, like a long prompt evaluation).
 * Like llama-server, answers report {@code usage} and {@code timings} (see {@link Costs}); a stream
 * carries {@code timings} in its last chunk and, when asked with {@code stream_options.include_usage},
 * a final chunk with {@code usage} and no choices.
 */
final class CompletionHandler {
    static final int DEFAULT_MAX_TOKENS = 8;
    private static final String CHAT = "/v1/chat/completions";
    private static final String TEXT = "/v1/completions";

    private final DemoOptions options;
    private final String[] words;
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicLong nextId = new AtomicLong();

    CompletionHandler(DemoOptions options) {
        this.options = options;
        this.words = ("Hello from " + options.model() + "! This is the Swapdeck demo upstream answering.")
                .split(" ");
    }

    static boolean handles(String path) {
        return CHAT.equals(path) || TEXT.equals(path);
    }

    void handle(HttpExchange exchange, String path) throws IOException {
        JsonNode body = readJson(exchange);
        String requested = body == null ? null : body.path("model").asText(null);
        System.out.println("request POST " + path + " model=" + requested);
        try {
            if (body == null || !body.isObject()) {
                Replies.json(exchange, 400, Replies.error(400, "request body is not a JSON object"));
            } else if (body.hasNonNull("demo_status")) {
                int status = body.get("demo_status").asInt(500);
                Replies.json(exchange, status, Replies.error(status, "demo error with status " + status));
            } else {
                think(body.path("demo_think_ms").asLong(0));
                boolean chat = CHAT.equals(path);
                String id = "demo-" + nextId.incrementAndGet();
                String model = requested == null ? options.model() : requested;
                if (body.path("stream").asBoolean(false)) {
                    long delay = body.path("demo_delay_ms").asLong(options.chunkDelayMs());
                    int chunks = body.path("max_tokens").asInt(DEFAULT_MAX_TOKENS);
                    int prompt = Costs.promptTokens(body);
                    ObjectNode usage = body.path("stream_options").path("include_usage").asBoolean(false)
                            ? header(chat ? "chat.completion.chunk" : "text_completion", id, model)
                            : null;
                    if (usage != null) {
                        usage.putArray("choices");
                        usage.set("usage", Costs.usage(prompt, chunks));
                    }
                    new SseStream(exchange, chunk(chat, id, model, prompt)).send(chunks, delay, words, usage);
                } else {
                    long generating = System.nanoTime();
                    think(body.path("demo_delay_ms").asLong(options.chunkDelayMs()) * (words.length - 1));
                    Replies.json(exchange, 200, completion(chat, id, model, (ObjectNode) body,
                            System.nanoTime() - generating));
                }
            }
        } finally {
            crashIfDue();
        }
    }

    private static void think(long millis) throws IOException {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while thinking", e);
        }
    }

    private static JsonNode readJson(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return Replies.JSON.readTree(in);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private ObjectNode completion(boolean chat, String id, String model, ObjectNode received, long generationNanos) {
        String content = String.join(" ", words);
        ObjectNode reply = header(chat ? "chat.completion" : "text_completion", id, model);
        ObjectNode choice = reply.putArray("choices").addObject().put("index", 0);
        if (chat) {
            choice.putObject("message").put("role", "assistant").put("content", content);
        } else {
            choice.put("text", content);
        }
        choice.put("finish_reason", "stop");
        int prompt = Costs.promptTokens(received);
        reply.set("usage", Costs.usage(prompt, words.length));
        reply.set("timings", Costs.timings(prompt, words.length, generationNanos));
        reply.put("served_by", options.model());
        reply.set("received", received);
        return reply;
    }

    /** Builds streamed chunk {@code index} of {@code count} carrying {@code token}. */
    private SseStream.ChunkFactory chunk(boolean chat, String id, String model, int prompt) {
        long[] firstTokenNanos = new long[1];
        return (index, count, token) -> {
            long now = System.nanoTime();
            if (index == 0) {
                firstTokenNanos[0] = now;
            }
            ObjectNode chunk = header(chat ? "chat.completion.chunk" : "text_completion", id, model);
            ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
            if (chat) {
                choice.putObject("delta").put("content", token);
            } else {
                choice.put("text", token);
            }
            choice.put("finish_reason", index == count - 1 ? "stop" : null);
            if (index == count - 1) {
                chunk.set("timings", Costs.timings(prompt, count, now - firstTokenNanos[0]));
            }
            return chunk.put("served_by", options.model()).put("sent_at_micros", Replies.epochMicros());
        };
    }

    private static ObjectNode header(String object, String id, String model) {
        return Replies.JSON.createObjectNode()
                .put("id", id)
                .put("object", object)
                .put("created", Instant.now().getEpochSecond())
                .put("model", model);
    }

    /** {@code --exit-after N}: once the Nth answer is out, die the way a crashing server would. */
    private void crashIfDue() {
        if (options.exitAfter() > 0 && answered.incrementAndGet() >= options.exitAfter()) {
            System.out.println("exiting with code " + DemoUpstream.CRASH_EXIT_CODE + " after "
                    + options.exitAfter() + " model requests as asked");
            System.out.flush();
            Runtime.getRuntime().halt(DemoUpstream.CRASH_EXIT_CODE);
        }
    }
}
