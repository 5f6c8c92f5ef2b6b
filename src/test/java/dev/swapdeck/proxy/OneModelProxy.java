package dev.swapdeck.proxy;

import dev.swapdeck.config.ConfigException;
import dev.swapdeck.config.ConfigLoader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A running proxy over a {@link FakeEngine} whose one model {@code m} is served by whatever listens at a port. */
final class OneModelProxy implements AutoCloseable {
    final FakeEngine engine;
    private final ProxyServer server;
    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** {@code timeouts}: the model's {@code timeouts} mapping in flow style, e.g. {@code "{connect: 1}"}. */
    OneModelProxy(int upstreamPort, String timeouts) throws IOException, ConfigException {
        this("http://127.0.0.1:" + upstreamPort, timeouts);
    }

    /** {@code upstream}: the model's {@code proxy} URL. */
    OneModelProxy(String upstream, String timeouts) throws IOException, ConfigException {
        engine = new FakeEngine(ConfigLoader.parse(String.join("\n",
                "models:",
                "  m:",
                "    cmd: server",
                "    proxy: " + upstream,
                "    timeouts: " + timeouts,
                ""), "config.yaml", Optional.empty()));
        server = new ProxyServer(engine);
        base = URI.create("http://127.0.0.1:" + server.start("127.0.0.1", 0).getPort());
    }

    /** The proxy's port, for raw clients. */
    int port() {
        return base.getPort();
    }

    URI base() {
        return base;
    }

    /** A non-streamed chat for {@code m}, answered within a minute. */
    HttpResponse<String> chat() throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(base.resolve("/v1/chat/completions")).timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.stop();
    }
}
