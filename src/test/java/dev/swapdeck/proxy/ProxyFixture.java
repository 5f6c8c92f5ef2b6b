package dev.swapdeck.proxy;

import static dev.swapdeck.proxy.ProxyTestModels.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.config.SecurityConfig;
import dev.swapdeck.routing.RoutingException;
import dev.swapdeck.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A running proxy over a {@link FakeEngine} and a real {@link TestUpstream}, with an HTTP/1.1 client.
 * Models: {@code alpha} (alias {@code a1}), {@code beta} (useModelName and stripParams), {@code gone}
 * (nothing listens at its URL), {@code broken} (its start fails), {@code busy} (at its concurrency
 * limit), {@code hidden} (unlisted); profile {@code duo} = alpha + beta.
 */
final class ProxyFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final TestUpstream upstream;
    final FakeEngine engine;
    final ProxyServer server;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final URI base;

    ProxyFixture() throws IOException {
        this(ProxyOptions.defaults());
    }

    ProxyFixture(ProxyOptions options) throws IOException {
        this(options, SecurityConfig.defaults());
    }

    /** With {@code security} as the configuration's {@code apiKeys} and {@code security:} settings. */
    ProxyFixture(ProxyOptions options, SecurityConfig security) throws IOException {
        this(options, security, "127.0.0.1");
    }

    /** Listening on {@code host} (such as {@code 0.0.0.0}, beyond loopback); {@link #base} is loopback still. */
    ProxyFixture(ProxyOptions options, SecurityConfig security, String host) throws IOException {
        upstream = new TestUpstream();
        URI up = upstream.uri();
        ModelConfig alpha = ProxyTestModels.withAliases(model("alpha", up), "a1");
        ModelConfig beta = ProxyTestModels.withRewrites(model("beta", up), "beta-upstream-name", Set.of("temperature", "model"));
        ModelConfig gone = model("gone", URI.create("http://127.0.0.1:" + FreePorts.loopback()));
        ModelConfig hidden = ProxyTestModels.described(model("hidden", up), null, null, true);
        ModelConfig named = ProxyTestModels.described(model("named", up), "Named Model", "A described model", false);
        engine = new FakeEngine(ProxyTestModels.withSecurity(ProxyTestModels.config(Map.of("duo", List.of("alpha", "beta")),
                alpha, beta, gone, model("broken", up), model("busy", up), hidden, named), security));
        engine.upstreams.failures.put("broken", new RoutingException(RoutingException.Kind.UPSTREAM_FAILED,
                "command not found: llama-server (check cmd for model broken)"));
        engine.upstreams.failures.put("busy", new RoutingException(RoutingException.Kind.TOO_MANY_REQUESTS,
                "model busy has 10 requests in flight, its concurrencyLimit"));
        server = new ProxyServer(engine, options);
        InetSocketAddress address = server.start(host, 0);
        base = URI.create("http://127.0.0.1:" + address.getPort());
    }

    /** Starts a fixture with the default options, for a field initialiser (wraps the IOException). */
    static ProxyFixture start() {
        return start(ProxyOptions.defaults());
    }

    /** Starts a fixture with {@code options}, for a field initialiser (wraps the IOException). */
    static ProxyFixture start(ProxyOptions options) {
        return start(options, SecurityConfig.defaults());
    }

    /** Starts a fixture with {@code options} and {@code security}, for a field initialiser (wraps the IOException). */
    static ProxyFixture start(ProxyOptions options, SecurityConfig security) {
        try {
            return new ProxyFixture(options, security);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    @Override
    public void close() {
        server.stop();
        upstream.close();
    }
}
