package dev.swapdeck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.testing.SwapdeckJvm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listening beyond loopback needs API keys, or a knowing --insecure-no-keys (SPEC §8). */
class ListenBeyondLoopbackTest {
    private static final String MODELS = "models:\n  a:\n    cmd: /bin/true\n    proxy: http://127.0.0.1:9\n";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void everyInterfaceWithoutKeysExits2NamingBothFixes(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"), MODELS);
        for (String listen : List.of(":8080", "0.0.0.0:8080")) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = new Main(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("HOME", "/nonexistent"))
                    .run(new String[] {"--headless", "--config", config.toString(), "--listen", listen});
            String message = err.toString(StandardCharsets.UTF_8);
            assertEquals(2, code, message);
            assertTrue(message.contains("apiKeys") && message.contains("--insecure-no-keys"), message);
        }
    }

    @Test
    void insecureNoKeysStartsAndWarns(@TempDir Path dir) throws Exception {
        try (SwapdeckJvm app = SwapdeckJvm.in(dir).config(MODELS).listenHost("").args("--insecure-no-keys").start()) {
            assertTrue(app.output().contains("[WARN] --insecure-no-keys: listening on 0.0.0.0:" + app.port), app.output());
        }
    }

    @Test
    void keysFromTheEnvironmentGuardEveryInterface(@TempDir Path dir) throws Exception {
        String yaml = "apiKeys:\n  - \"${env.SWAPDECK_TEST_KEY}\"  # ${env.NOT_SET_IN_A_COMMENT}\n" + MODELS;
        try (SwapdeckJvm app = SwapdeckJvm.in(dir).config(yaml).listenHost("")
                .env("SWAPDECK_TEST_KEY", "sk-from-the-environment").start()) {
            URI models = URI.create("http://127.0.0.1:" + app.port + "/v1/models");
            assertEquals(401, HTTP.send(HttpRequest.newBuilder(models).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(200, HTTP.send(HttpRequest.newBuilder(models)
                    .header("Authorization", "Bearer sk-from-the-environment").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());

            Path config = dir.resolve("config-" + app.port + ".yaml");
            Files.writeString(config, MODELS);
            HttpResponse<String> reload = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.port + "/api/config/reload"))
                    .header("Authorization", "Bearer sk-from-the-environment")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, reload.statusCode(), "a reload may not drop the keys: " + reload.body());
            assertTrue(reload.body().contains("apiKeys") && reload.body().contains("--insecure-no-keys"), reload.body());
            assertEquals(401, HTTP.send(HttpRequest.newBuilder(models).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), "the keys in force stay");
        }
    }
}
