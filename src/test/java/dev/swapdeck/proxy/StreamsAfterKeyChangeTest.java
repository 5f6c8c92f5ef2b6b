package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.engine.ProcessFactory;
import dev.swapdeck.engine.SwapdeckEngine;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogHub;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log or event stream is admitted once, at its start: a reload that sets API keys (or changes them, or
 * the allowed hosts and origins) ends the open ones, so a client without the new key reads no more.
 */
class StreamsAfterKeyChangeTest {
    private static final String MODELS = "models:\n  a:\n    cmd: /bin/true --port ${PORT}\n";
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir Path dir;

    @Test
    void keysSetByAReloadEndTheStreamsOpenedWithoutOne() throws Exception {
        Path file = Files.writeString(dir.resolve("config.yaml"), MODELS);
        try (Running swapdeck = new Running(file)) {
            List<CompletableFuture<String>> streams = List.of(swapdeck.openStream("/logs/stream?no-history"),
                    swapdeck.openStream("/api/events"));

            Files.writeString(file, MODELS + "ttl: 60\n");
            swapdeck.engine.reload().get(10, TimeUnit.SECONDS);
            Thread.sleep(300);
            streams.forEach(stream -> assertFalse(stream.isDone(), "a reload that keeps the keys keeps the streams"));

            Files.writeString(file, MODELS + "apiKeys: [sk-new]\n");
            swapdeck.engine.reload().get(10, TimeUnit.SECONDS);
            for (CompletableFuture<String> stream : streams) {
                stream.get(10, TimeUnit.SECONDS);
            }
            assertEquals(401, swapdeck.get("/logs/stream?no-history").statusCode(), "asked again, it needs the key");
        }
    }

    /** One Swapdeck in this JVM, its engine loaded from {@code file}. */
    private final class Running implements AutoCloseable {
        final SwapdeckEngine engine;
        final ProxyServer server;
        final URI base;

        Running(Path file) throws Exception {
            engine = new SwapdeckEngine(ConfigLoader.load(file), new LogHub(new EventBus()), ConfigLoader::load,
                    ProcessFactory.childProcesses(), "http://127.0.0.1:0/v1");
            server = new ProxyServer(engine);
            base = URI.create("http://127.0.0.1:" + server.start("127.0.0.1", 0).getPort());
        }

        /** Completes with what the stream sent once it ends. */
        CompletableFuture<String> openStream(String path) throws Exception {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(base.resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode(), path);
            return CompletableFuture.supplyAsync(() -> {
                try (InputStream body = response.body()) {
                    return new String(body.readAllBytes(), StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    return "cut: " + e;
                }
            });
        }

        HttpResponse<String> get(String path) throws Exception {
            return client.send(HttpRequest.newBuilder(base.resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        @Override
        public void close() throws Exception {
            server.stop();
            engine.shutdown().get(30, TimeUnit.SECONDS);
        }
    }
}
