package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelRoutingTest {
    @AutoClose
    private final ProxyFixture proxy = ProxyFixture.start();

    @Test
    void routesByJsonModelAndForwardsTheBodyUntouched() throws Exception {
        String body = "{ \"model\" : \"alpha\", \"messages\": [{\"role\":\"user\",\"content\":\"hi\"}] }";
        HttpResponse<String> response = proxy.post("/v1/chat/completions?x=1", body);

        assertEquals(200, response.statusCode());
        assertEquals("test", response.headers().firstValue("X-Upstream").orElseThrow());
        TestUpstream.Received received = proxy.upstream.next();
        assertEquals("POST", received.method());
        assertEquals("/v1/chat/completions?x=1", received.uri());
        assertEquals(body, received.bodyText());
        assertEquals("alpha", proxy.engine.upstreams.lastLease().model().id());
    }

    @Test
    void resolvesAliasesAndProfilesThroughTheRouter() throws Exception {
        assertEquals(200, proxy.post("/v1/embeddings", "{\"model\":\"a1\",\"input\":\"x\"}").statusCode());
        assertEquals("{\"model\":\"a1\",\"input\":\"x\"}", proxy.upstream.next().bodyText());

        assertEquals(200, proxy.post("/v1/completions", "{\"model\":\"duo:alpha\",\"prompt\":\"x\"}").statusCode());
        JsonNode sent = ProxyFixture.JSON.readTree(proxy.upstream.next().body());
        assertEquals("alpha", sent.get("model").asText(), "the profile prefix is removed upstream");
    }

    @Test
    void appliesUseModelNameAndStripParamsButNeverStripsModel() throws Exception {
        String body = "{\"model\":\"beta\",\"temperature\":0.7,\"top_p\":0.9}";
        assertEquals(200, proxy.post("/v1/chat/completions", body).statusCode());

        TestUpstream.Received received = proxy.upstream.next();
        JsonNode sent = ProxyFixture.JSON.readTree(received.body());
        assertEquals("beta-upstream-name", sent.get("model").asText());
        assertFalse(sent.has("temperature"));
        assertEquals(0.9, sent.get("top_p").asDouble());
        assertEquals(String.valueOf(received.body().length),
                received.headers().get("Content-length").get(0));
    }

    @Test
    void routesMultipartByItsModelFieldAndKeepsTheFileBytes() throws Exception {
        String boundary = "----swapdeck-test";
        byte[] audio = {0, 1, 2, (byte) 0xff, '\r', '\n', '-', '-'};
        byte[] body = multipart(boundary, "beta", audio);
        HttpRequest request = HttpRequest.newBuilder(proxy.base.resolve("/v1/audio/transcriptions"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();

        assertEquals(200, proxy.send(request).statusCode());
        TestUpstream.Received received = proxy.upstream.next();
        assertEquals("beta", proxy.engine.upstreams.lastLease().model().id());
        String sent = new String(received.body(), StandardCharsets.ISO_8859_1);
        assertTrue(sent.contains("\r\n\r\nbeta-upstream-name\r\n"), sent);
        assertTrue(sent.contains(new String(audio, StandardCharsets.ISO_8859_1)), "file bytes unchanged");
    }

    /** llama-swap's, and llama.cpp's router's (llama-server's paths without /v1, its tokenizer, its token counts). */
    @ParameterizedTest(name = "POST {0} reaches the model at {1}")
    @CsvSource({
        "/v1/messages/count_tokens, /v1/messages/count_tokens",
        "/v1/images/generations, /v1/images/generations",
        "/reranking, /reranking",
        "/sdapi/v1/txt2img, /sdapi/v1/txt2img",
        "/v1/audio/voices, /v1/audio/voices",
        "/v/chat/completions?x=1, /chat/completions?x=1",
        "/v/messages/count_tokens, /messages/count_tokens",
        "/audioapi/v1/tasks/run, /v1/tasks/run",
        "/chat/completions, /chat/completions",
        "/embeddings, /embeddings",
        "/tokenize, /tokenize",
        "/detokenize, /detokenize",
        "/apply-template, /apply-template",
        "/v1/chat/completions/input_tokens, /v1/chat/completions/input_tokens",
    })
    void llamaSwapsOtherBodyRoutesReachTheModelUnderItsUpstreamPath(String path, String upstreamPath)
            throws Exception {
        assertEquals(200, proxy.post(path, "{\"model\":\"a1\"}").statusCode());
        assertEquals(upstreamPath, proxy.upstream.next().uri());
        assertEquals("alpha", proxy.engine.upstreams.lastLease().model().id());
    }

    @Test
    void getRoutesNameTheirModelInTheQuery() throws Exception {
        assertEquals(200, proxy.get("/props?model=a1&x=y%20z").statusCode());
        assertEquals("/props?model=a1&x=y%20z", proxy.upstream.next().uri());
        assertEquals("alpha", proxy.engine.upstreams.lastLease().model().id());

        assertEquals(200, proxy.get("/v1/audio/voices?lang=en&model=beta").statusCode());
        assertEquals("/v1/audio/voices?lang=en&model=beta-upstream-name", proxy.upstream.next().uri(),
                "useModelName renames the query's model as it renames a body's");
        assertEquals(200, proxy.get("/sdapi/v1/loras?model=alpha").statusCode());
        assertEquals("/sdapi/v1/loras?model=alpha", proxy.upstream.next().uri());

        assertEquals(400, proxy.get("/props").statusCode());
        assertEquals(404, proxy.get("/props?model=nobody").statusCode());
    }

    /** llama-server and llama-swap answer HEAD where they answer GET; a monitor asks {@code /props} so. */
    @Test
    void headOnAQueryRoutedPathIsForwardedAsHead() throws Exception {
        HttpResponse<String> head = proxy.send(HttpRequest.newBuilder(proxy.base.resolve("/props?model=a1"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(200, head.statusCode(), head.body());
        assertEquals("", head.body());
        TestUpstream.Received received = proxy.upstream.next();
        assertEquals("HEAD", received.method());
        assertEquals("/props?model=a1", received.uri());
        assertEquals("GET, HEAD", proxy.post("/props?model=a1", "{}").headers().firstValue("Allow").orElse(""));
    }

    @Test
    void forwardsAnyMethodUnderUpstreamPathWithPathAndQuery() throws Exception {
        HttpResponse<String> response = proxy.get("/upstream/alpha/props?a=b%20c");
        assertEquals(200, response.statusCode());
        TestUpstream.Received received = proxy.upstream.next();
        assertEquals("GET", received.method());
        assertEquals("/props?a=b%20c", received.uri());

        HttpRequest delete = HttpRequest.newBuilder(proxy.base.resolve("/upstream/a1/slots/0")).DELETE().build();
        assertEquals(200, proxy.send(delete).statusCode());
        assertEquals("/slots/0", proxy.upstream.next().uri());

        HttpResponse<String> root = proxy.get("/upstream/alpha");
        assertEquals(301, root.statusCode(), "as llama-swap: the model's root is a folder, so relative links resolve");
        assertEquals("/upstream/alpha/", root.headers().firstValue("Location").orElseThrow());
        assertEquals(200, proxy.get("/upstream/alpha/").statusCode());
        assertEquals("/", proxy.upstream.next().uri());

        assertEquals(200, proxy.get("/upstream//alpha/props").statusCode(), "empty segments before the name, as llama-swap");
        assertEquals("/props", proxy.upstream.next().uri());
    }

    @Test
    void passesUpstreamErrorsThroughUnchanged() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(proxy.base.resolve("/v1/chat/completions"))
                .header("X-Test-Status", "500")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"alpha\"}")).build();
        HttpResponse<String> response = proxy.send(request);

        assertEquals(500, response.statusCode());
        assertTrue(response.body().startsWith("{\"method\":\"POST\""), response.body());
        assertEquals("test", response.headers().firstValue("X-Upstream").orElseThrow());
    }

    @Test
    void servesParallelRequests() throws Exception {
        int count = 48;
        var futures = new java.util.ArrayList<java.util.concurrent.CompletableFuture<HttpResponse<String>>>();
        for (int i = 0; i < count; i++) {
            HttpRequest request = HttpRequest.newBuilder(proxy.base.resolve("/v1/chat/completions"))
                    .header("X-Test-Chunks", "3").header("X-Test-Pace-Ms", "20")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"alpha\",\"n\":" + i + "}")).build();
            futures.add(proxy.client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        for (var future : futures) {
            HttpResponse<String> response = future.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertTrue(response.body().endsWith("data: [DONE]\n\n"));
        }
        assertEquals(count, proxy.engine.upstreams.leases.size());
        for (FakeUpstreams.TrackedLease lease : proxy.engine.upstreams.leases) {
            assertTrue(lease.awaitClosed());
            assertEquals(1, lease.closes.get());
        }
    }

    static byte[] multipart(String boundary, String model, byte[] file) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        String tail = "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\n" + model
                + "\r\n--" + boundary + "--\r\n";
        out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
