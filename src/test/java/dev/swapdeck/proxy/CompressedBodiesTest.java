package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** A model route reads its body to route it; a compressed one is refused in plain words, not as bad JSON. */
class CompressedBodiesTest {

    @Test
    void aGzipBodyOnAModelRouteIs415NamingTheEncoding() throws Exception {
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write("{\"model\":\"alpha\"}".getBytes(StandardCharsets.UTF_8));
        }
        try (ProxyFixture proxy = new ProxyFixture()) {
            HttpResponse<String> answer = proxy.send(HttpRequest.newBuilder(proxy.base.resolve("/v1/chat/completions"))
                    .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(gzipped.toByteArray())).build());
            assertEquals(415, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("request bodies with Content-Encoding gzip are not supported"), answer.body());
            assertEquals(200, proxy.post("/v1/chat/completions", "{\"model\":\"alpha\"}").statusCode(),
                    "the same client's next, plain request is served");
        }
    }
}
