package dev.swapdeck.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Streamed chats to one model through the proxy, one every {@code interval} on one thread, until
 * {@link #stop}: the load that fills the Activity view while the window bench floods the log.
 */
final class Requests {
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger served = new AtomicInteger();
    private final Thread thread;

    Requests(InetSocketAddress proxy, String model, Duration interval) {
        HttpRequest chat = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.getPort() + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"stream\":true,\"max_tokens\":16,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello!\"}]}"))
                .build();
        thread = new Thread(() -> {
            while (running.get()) {
                try {
                    Thread.sleep(interval.toMillis());
                    if (client.send(chat, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        served.incrementAndGet();
                    }
                } catch (IOException e) {
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }, "bench-chats");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops after the chat under way; returns how many were answered 200. */
    int stop() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
        return served.get();
    }
}
