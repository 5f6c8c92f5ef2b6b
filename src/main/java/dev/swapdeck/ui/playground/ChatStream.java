package dev.swapdeck.ui.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One streamed chat completion through Swapdeck's own proxy, with the JDK's HTTP client: the same
 * path, routing and swapping as any chat app's request. The body is read by a line subscriber, so
 * {@link #stop} can cancel it at any moment without a thread blocked on a stream: before the answer
 * starts by cancelling the exchange, during it by cancelling the subscription. Either closes the
 * connection, so the proxy sees the client leave and cancels the upstream request.
 */
final class ChatStream implements Flow.Subscriber<String> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SENT_AN_ERROR = "the server sent an error: ";

    /** What the stream reports, on an HTTP client thread (never the FX thread). Exactly one end is reported. */
    interface Listener {
        void token(String text);

        /**
         * The server's own count and speed of the answer (llama.cpp's {@code timings}, in its last chunk):
         * the figures the proxy records for it, which the playground shows rather than its own reckoning.
         */
        void timings(int tokens, double tokensPerSecond);

        /** The answer ended ({@code data: [DONE]}) or was stopped. */
        void finished(boolean stopped);

        /** The request failed, or the server reported an error in the stream (what came before it stays). */
        void failed(String message);

        /**
         * The answer broke off before its end: the connection broke ({@code cause}: the HTTP client's
         * words), or the response ended without {@code data: [DONE]}.
         */
        void cut(String cause);
    }

    private final Listener listener;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final StringBuilder errorBody = new StringBuilder();
    private volatile CompletableFuture<HttpResponse<Void>> exchange;
    private volatile Flow.Subscription subscription;
    private volatile int status;
    private volatile boolean stopped;
    /** The SSE {@code event:} type of the event being read; blank between events. One reader thread. */
    private String event = "";
    /** A chunk gave the answer's {@code finish_reason}: an end of stream after it is the answer's end. */
    private boolean finishedSaid;

    private ChatStream(Listener listener) {
        this.listener = listener;
    }

    /**
     * Starts {@code POST <baseUrl>/chat/completions} with {@code stream: true}.
     *
     * @param baseUrl the OpenAI base URL clients use, e.g. {@code http://127.0.0.1:8080/v1}
     * @param apiKey  sent as a bearer token when the configuration requires API keys
     */
    static ChatStream start(HttpClient client, String baseUrl, Optional<String> apiKey, String model, String prompt,
                            int maxTokens, Listener listener) {
        ObjectNode request = JSON.createObjectNode().put("model", model).put("stream", true).put("max_tokens", maxTokens);
        request.putArray("messages").addObject().put("role", "user").put("content", prompt);
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofMinutes(30))
                .POST(HttpRequest.BodyPublishers.ofString(request.toString()));
        apiKey.ifPresent(key -> http.header("Authorization", "Bearer " + key));
        ChatStream stream = new ChatStream(listener);
        stream.exchange = client.sendAsync(http.build(), info -> {
            stream.status = info.statusCode();
            return HttpResponse.BodySubscribers.fromLineSubscriber(stream);
        });
        stream.exchange.whenComplete((response, error) -> {
            if (error != null) {
                stream.end(() -> listener.failed("request failed: " + rootMessage(error)));
            }
        });
        return stream;
    }

    /** Cancels the request and reports {@code finished(true)} unless it had already ended. */
    void stop() {
        stopped = true;
        end(() -> listener.finished(true));
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
        exchange.cancel(true);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (stopped) {
            subscription.cancel();
        } else {
            subscription.request(Long.MAX_VALUE);
        }
    }

    /**
     * Reads one line of the event stream. Besides the chunks it reads the three ways a server reports an
     * error inside a stream that began with 200: llama-server's own {@code error: {...}} line (for a
     * prompt past its context, then {@code data: [DONE]}), an OpenAI-style {@code data: {"error": ...}}
     * chunk, and the SSE {@code event: error} whose data Swapdeck's proxy sends when a start fails. Each
     * ends the answer as {@code failed}, what came before it kept.
     */
    @Override
    public void onNext(String line) {
        if (status != 200) {
            errorBody.append(line).append('\n');
            return;
        }
        if (ended.get()) {
            return;
        }
        if (line.isEmpty()) {
            event = "";
        } else if (line.startsWith("event:")) {
            event = line.substring(6).strip();
        } else if (line.startsWith("error:")) {
            String data = line.substring(6).strip();
            end(() -> listener.failed(SENT_AN_ERROR + errorMessage(data)));
        } else if (line.startsWith("data:")) {
            data(line.substring(5).strip());
        }
    }

    private void data(String data) {
        if (event.equals("error")) {
            end(() -> listener.failed(SENT_AN_ERROR + errorMessage(data)));
            return;
        }
        if (data.equals("[DONE]")) {
            end(() -> listener.finished(false));
            return;
        }
        try {
            JsonNode chunk = JSON.readTree(data);
            if (chunk.hasNonNull("error")) {
                end(() -> listener.failed(SENT_AN_ERROR + errorMessage(data)));
                return;
            }
            JsonNode choice = chunk.path("choices").path(0);
            finishedSaid |= choice.hasNonNull("finish_reason");
            String content = choice.path("delta").path("content").asText("");
            if (!content.isEmpty()) {
                listener.token(content);
            }
            JsonNode timings = chunk.path("timings");
            if (timings.path("predicted_per_second").isNumber() && timings.path("predicted_n").isIntegralNumber()) {
                listener.timings(timings.path("predicted_n").asInt(), timings.path("predicted_per_second").asDouble());
            }
        } catch (IOException e) {
            end(() -> listener.failed("not a chat completion chunk: " + data));
        }
    }

    @Override
    public void onError(Throwable error) {
        end(() -> listener.cut(rootMessage(error)));
    }

    @Override
    public void onComplete() {
        if (status != 200) {
            end(() -> listener.failed("HTTP " + status + ": " + errorMessage(errorBody.toString())));
        } else if (finishedSaid) {
            end(() -> listener.finished(false)); // a server that ends with the finish_reason and no [DONE]
        } else {
            // servers that finish an answer say so; a body that just stops is an answer that broke off
            end(() -> listener.cut("the stream ended before data: [DONE]"));
        }
    }

    private void end(Runnable report) {
        if (ended.compareAndSet(false, true)) {
            report.run();
        }
    }

    /**
     * The error's message: OpenAI's {@code {"error": {"message": ...}}}, a bare {@code {"error": "..."}},
     * or llama-server's {@code {"code": 400, "message": ...}}; otherwise the text as it is.
     */
    private static String errorMessage(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            JsonNode error = json.path("error");
            JsonNode message = error.isTextual() ? error : error.isObject() ? error.path("message") : json.path("message");
            return message.isTextual() ? message.asText() : body.strip();
        } catch (IOException e) {
            return body.strip();
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
