package dev.swapdeck.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.testing.ChunkedUpload;
import dev.swapdeck.testing.SwapdeckJvm;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A careless uploader cannot exhaust Swapdeck's memory (SPEC §8). */
class UploadLimitsTest {
    private static final long MIB = 1024 * 1024;
    private static final long LIMIT = 64 * MIB;

    /**
     * 384 MiB chunked against the 64 MiB limit, in a Swapdeck whose heap is capped at 1.5 times the
     * limit over what it needs idle (48 MiB): it answers 413, stays up, and the upload is cut off soon
     * after twice the limit (what is past the limit is read only to be thrown away, up to the limit
     * again). The old reader (a growing buffer) needed about four times the limit.
     */
    @Test
    void aHugeChunkedUploadIsRefusedAtTheLimitWithinABoundedHeap(@TempDir Path dir) throws Exception {
        long heap = 48 * MIB + LIMIT * 3 / 2;
        String yaml = "security:\n  maxBodySize: 64MiB\nmodels:\n  a:\n    cmd: /bin/true\n    proxy: http://127.0.0.1:9\n";
        try (SwapdeckJvm app = SwapdeckJvm.in(dir).config(yaml)
                .jvmFlags("-Xmx" + heap / MIB + "m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError").start()) {
            ChunkedUpload.Result result = ChunkedUpload.post(app.port, "/v1/chat/completions", 384 * MIB);
            assertEquals(413, result.status(), result.bytesSent() + " sent; " + result.response() + app.output());
            assertTrue(result.response().contains("body_too_large"), result.response());
            assertTrue(result.bytesSent() < 2 * LIMIT + 32 * MIB, "cut off soon after twice the limit: " + result.bytesSent());
            assertTrue(app.healthy(), app.output());
            assertFalse(app.output().contains("OutOfMemoryError"), app.output());
        }
    }

    /**
     * Six 10 MiB bodies at once in a 64 MiB heap: the default body budget (256 MiB) let them all in
     * and the heap ran out (500s, or no answer at all). The budget is now a quarter of the heap: each
     * is read whole in its turn (404: no such model) or refused with 503 when its wait runs out.
     */
    @Test
    void largeBodiesAtOnceNeverFillASmallHeap(@TempDir Path dir) throws Exception {
        String yaml = "models:\n  a:\n    cmd: /bin/true\n    proxy: http://127.0.0.1:9\n";
        String body = "{\"model\":\"nope\",\"pad\":\"" + "x".repeat(10 * (int) MIB) + "\"}";
        try (SwapdeckJvm app = SwapdeckJvm.in(dir).config(yaml)
                .jvmFlags("-Xmx64m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError").start()) {
            List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                posts.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return app.post("/v1/chat/completions", body);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (CompletableFuture<HttpResponse<String>> post : posts) {
                HttpResponse<String> answer = post.get(60, TimeUnit.SECONDS);
                assertTrue(answer.statusCode() == 404 || answer.statusCode() == 503, answer.statusCode() + " "
                        + answer.body() + app.output());
            }
            assertTrue(app.healthy(), app.output());
            assertFalse(app.output().contains("OutOfMemoryError"), app.output());
            assertTrue(app.output().contains("a quarter of this JVM's heap"), app.output());
        }
    }

    /** The body limit of a reloaded file applies to the next request, raised or lowered. */
    @Test
    void aReloadedBodyLimitAppliesAtOnce(@TempDir Path dir) throws Exception {
        String models = "models:\n  a:\n    cmd: /bin/true\n    proxy: http://127.0.0.1:9\n";
        String body = "{\"model\":\"nope\",\"pad\":\"" + "x".repeat(150 * 1024) + "\"}";
        try (SwapdeckJvm app = SwapdeckJvm.in(dir).config("security:\n  maxBodySize: 100KiB\n" + models).start()) {
            assertEquals(413, app.post("/v1/chat/completions", body).statusCode());
            Path file = dir.resolve("config-" + app.port + ".yaml");
            Files.writeString(file, "security:\n  maxBodySize: 200KiB\n" + models);
            assertEquals(200, app.post("/api/config/reload").statusCode(), app.output());
            HttpResponse<String> admitted = app.post("/v1/chat/completions", body);
            assertEquals(404, admitted.statusCode(), "read whole, then refused for its unknown model: " + admitted.body());
            Files.writeString(file, "security:\n  maxBodySize: 100KiB\n" + models);
            assertEquals(200, app.post("/api/config/reload").statusCode(), app.output());
            HttpResponse<String> refused = app.post("/v1/chat/completions", body);
            assertEquals(413, refused.statusCode());
            assertTrue(refused.body().contains("security.maxBodySize"), refused.body());
        }
    }
}
