package dev.swapdeck.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One GET of {@code proxy + checkEndpoint}, healthy on 200 only (llama-server answers 503 while it
 * loads). HTTP/1.1 keep-alive reuses one connection across the many probes of a start. Blocking;
 * interruptible (an interrupted probe is abandoned at once).
 */
final class HealthProbe {
    private static final Duration MAX_REQUEST_TIME = Duration.ofSeconds(2);
    private final HttpClient client;
    private final URI uri;

    HealthProbe(HttpClient client, URI uri) {
        this.client = client;
        this.uri = uri;
    }

    /** {@code proxy} and {@code checkEndpoint} joined as llama-swap does: by concatenation. */
    static URI target(URI proxy, String checkEndpoint) {
        String base = proxy.toString().replaceAll("/+$", "");
        return URI.create(base + (checkEndpoint.startsWith("/") ? "" : "/") + checkEndpoint);
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
    }

    URI uri() {
        return uri;
    }

    /** True when the endpoint answered 200 within {@code budget} (at most two seconds). */
    boolean healthy(Duration budget) throws InterruptedException {
        Duration timeout = budget.compareTo(MAX_REQUEST_TIME) < 0 ? budget : MAX_REQUEST_TIME;
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout.plusMillis(20)).GET().build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }
}
