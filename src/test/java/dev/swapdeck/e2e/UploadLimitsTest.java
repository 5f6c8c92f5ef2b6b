package dev.swapdeck.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.testing.ChunkedUpload;
import dev.swapdeck.testing.SwapdeckJvm;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A careless uploader cannot exhaust Swapdeck's memory (SPEC §8). */
class UploadLimitsTest {
    private static final long MIB = 1024 * 1024;
    private static final long LIMIT = 64 * MIB;

    /**
     * 384 MiB chunked against the 64 MiB limit, in a Swapdeck whose heap is capped at 1.5 times the
     * limit over what it needs idle (48 MiB): it answers 413, stays up, and the upload is cut off soon
     * after the limit. The old reader (a growing buffer) needed about four times the limit.
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
            assertTrue(result.bytesSent() < LIMIT + 32 * MIB, "cut off soon after the limit: " + result.bytesSent());
            assertTrue(app.healthy(), app.output());
            assertFalse(app.output().contains("OutOfMemoryError"), app.output());
        }
    }
}
