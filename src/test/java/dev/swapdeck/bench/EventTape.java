package dev.swapdeck.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Records Swapdeck's own timeline from {@code /api/events}: state changes and log lines, each with the
 * {@code at} instant Swapdeck stamped when it happened (microseconds, Swapdeck's clock). Upstream
 * lines are stamped when Swapdeck read them from the child's pipe, so differences between two such
 * lines carry no pipe bias.
 */
final class EventTape implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> events = new ArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    EventTape(SwapdeckUnderTest swapdeck) {
        HttpRequest request = HttpRequest.newBuilder(swapdeck.uri("/api/events")).build();
        response = SwapdeckUnderTest.HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(r -> r.body().forEach(this::line));
        response.join();
    }

    private void line(String line) {
        if (!line.startsWith("data:")) {
            return;
        }
        try {
            JsonNode node = JSON.readTree(line.substring(5).trim());
            synchronized (events) {
                events.add(node);
                events.notifyAll();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first recorded event matching {@code match}, waiting for it up to {@code timeout}. */
    JsonNode await(Predicate<JsonNode> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (true) {
                for (JsonNode e : events) {
                    if (match.test(e)) {
                        return e;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("no matching event within " + timeout);
                }
                try {
                    events.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** Forgets what was recorded so far. */
    void clear() {
        synchronized (events) {
            events.clear();
        }
    }

    static Predicate<JsonNode> upstreamLine(String model, String prefix) {
        return e -> "upstream".equals(e.path("stream").asText()) && model.equals(e.path("model").asText())
                && e.path("text").asText().startsWith(prefix);
    }

    static Predicate<JsonNode> state(String model, String from, String to) {
        return e -> model.equals(e.path("model").asText()) && from.equals(e.path("from").asText())
                && to.equals(e.path("to").asText());
    }

    /** Milliseconds from {@code earlier} to {@code later} by their {@code at} stamps. */
    static double millisBetween(JsonNode earlier, JsonNode later) {
        Duration d = Duration.between(at(earlier), at(later));
        return d.toNanos() / 1e6;
    }

    static Instant at(JsonNode event) {
        return Instant.parse(event.path("at").asText());
    }

    @Override
    public void close() {
        response.thenAccept(r -> r.body().close());
    }
}
