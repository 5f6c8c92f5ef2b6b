package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swapdeck.activity.ActivityRecord;
import dev.swapdeck.testing.Await;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {
    @AutoClose
    private final ProxyFixture proxy = ProxyFixture.start(ProxyOptions.defaults().withMaxBodyBytes(1024));

    private static JsonNode error(HttpResponse<String> response, int status, String code) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode error = ProxyFixture.json(response).get("error");
        assertEquals(code, error.get("code").asText());
        assertTrue(error.get("type").isTextual());
        assertTrue(!error.get("message").asText().isBlank());
        return error;
    }

    @Test
    void bodyThatIsNotJsonIs400() throws Exception {
        error(proxy.post("/v1/chat/completions", "model=alpha"), 400, "invalid_body");
        error(proxy.post("/v1/chat/completions", "[1,2]"), 400, "invalid_body");
    }

    @Test
    void bodyWithoutModelIs400() throws Exception {
        JsonNode e = error(proxy.post("/v1/chat/completions", "{\"messages\":[]}"), 400, "missing_model");
        assertTrue(e.get("message").asText().contains("GET /v1/models"));
    }

    /** Each route says where it takes the model's name: the body, the query or the path. */
    @Test
    void aMissingModelIsAskedForWhereTheRouteTakesIt() throws Exception {
        assertTrue(error(proxy.get("/props"), 400, "missing_model").get("message").asText()
                .contains("add ?model=<name> to the URL"));
        assertTrue(error(proxy.get("/upstream/"), 400, "missing_model").get("message").asText()
                .contains("name it in the path, /upstream/<model>/<path>"));
        assertTrue(error(proxy.post("/api/models/load/", ""), 400, "missing_model").get("message").asText()
                .contains("name it in the path, /api/models/load/<model>"));
        String noRoute = error(proxy.get("/upstream"), 404, "not_found").get("message").asText();
        assertTrue(noRoute.endsWith("reached through /upstream/<model>/<path>"), noRoute);
        String llamaSwapActivity = error(proxy.get("/api/metrics/activity"), 404, "not_found").get("message").asText();
        assertTrue(llamaSwapActivity.endsWith("request history is GET /api/activity, and its metrics GET /metrics "
                + "(Prometheus)"), llamaSwapActivity);
    }

    @Test
    void unknownModelIs404ListingWhatExists() throws Exception {
        JsonNode e = error(proxy.post("/v1/chat/completions", "{\"model\":\"nope\"}"), 404, "model_not_found");
        assertTrue(e.get("message").asText().contains("alpha"), e.toString());
        error(proxy.get("/upstream/nope/health"), 404, "model_not_found");
        error(proxy.post("/api/models/load/nope", ""), 404, "model_not_found");
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        String big = "{\"model\":\"alpha\",\"p\":\"" + "x".repeat(2000) + "\"}";
        error(proxy.post("/v1/chat/completions", big), 413, "body_too_large");
        assertEquals(0, proxy.engine.upstreams.leases.size());
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        String big = "{\"model\":\"alpha\",\"p\":\"" + "x".repeat(2000) + "\"}";
        HttpRequest request = HttpRequest.newBuilder(proxy.base.resolve("/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big.getBytes()))).build();
        error(proxy.send(request), 413, "body_too_large");
    }

    /**
     * A refused body is read to its end and thrown away, not left unread under a closed connection:
     * a client that sends all of it before reading (as the JDK's and Python's clients do) would often
     * be reset before it read the 413. The connection then serves the next request.
     */
    @Test
    void aBodyOverTheLimitIsDrainedAndItsConnectionServesTheNextRequest() throws Exception {
        String big = "{\"model\":\"alpha\",\"p\":\"" + "x".repeat(2000) + "\"}";
        String declared = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + big.length() + "\r\n\r\n" + big;
        String chunked = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(big.length()) + "\r\n" + big + "\r\n0\r\n\r\n";
        for (String refused : List.of(declared, chunked)) {
            String answers = thenHealth(refused);
            assertTrue(answers.startsWith("HTTP/1.1 413 "), answers);
            assertTrue(answers.contains("body_too_large"), answers);
            assertTrue(answers.indexOf("HTTP/1.1 200 ") > 0, "the health check after it answered: " + answers);
        }
    }

    /** A control route's small JSON has a fixed limit: a body past it is told so, not "could not read: null". */
    @Test
    void aControlBodyPastItsRoutesLimitIs413NamingTheLimit() throws Exception {
        String big = "{\"model\":\"alpha\",\"p\":\"" + "x".repeat(100 * 1024) + "\"}";
        JsonNode load = error(proxy.post("/models/load", big), 413, "body_too_large");
        assertTrue(load.get("message").asText().contains("65536 bytes this route accepts"), load.toString());
        String huge = "{\"name\":\"" + "x".repeat(1536 * 1024) + "\"}";
        HttpRequest activate = HttpRequest.newBuilder(proxy.base.resolve("/api/profiles/active"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(huge)).build();
        JsonNode profile = error(proxy.send(activate), 413, "body_too_large");
        assertTrue(profile.get("message").asText().contains("1048576 bytes this route accepts"), profile.toString());
    }

    /**
     * A client that stops sending its body and shuts its side: a declared length is answered 400 saying
     * the body was cut short; a chunked body makes Undertow close the connection, so nothing can be
     * answered, and the log says so rather than claiming a 400 "could not read the request body: null".
     */
    @Test
    void aBodyCutShortIsToldSoOrLoggedAsUnanswerable() throws Exception {
        String head = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
        String declared = cutShort(head + "Content-Length: 200\r\n\r\n{\"model\":\"alpha\"");
        assertTrue(declared.startsWith("HTTP/1.1 400 "), declared);
        assertTrue(declared.contains("the request body was cut short"), declared);
        assertEquals("", cutShort(head + "Transfer-Encoding: chunked\r\n\r\nc8\r\n{\"model\":\"alpha\""));
        Await.until(() -> proxy.engine.logs.proxyHistory().toString(), Duration.ofSeconds(10), () -> proxy.engine.logs
                .proxyHistory().stream().anyMatch(l -> l.text().equals("POST /v1/chat/completions -> no answer, the "
                        + "client's connection is closed: the request body was cut short: the client closed the "
                        + "connection before sending all of it")));
        assertTrue(proxy.engine.logs.proxyHistory().stream().noneMatch(l -> l.text().contains("null")),
                proxy.engine.logs.proxyHistory().toString());
        assertEquals(0, proxy.engine.upstreams.leases.size());
        Await.until(() -> "two records: " + proxy.engine.activity.recent(), Duration.ofSeconds(10),
                () -> proxy.engine.activity.recent().size() == 2);
        assertEquals(List.of(400, ActivityTap.CLIENT_CLOSED_REQUEST),
                proxy.engine.activity.recent().stream().map(ActivityRecord::status).toList(),
                "the refusal answered and the one whose client left before it could be answered");
    }

    /** Sends {@code request}, shuts the socket's output and returns all that came back. */
    private String cutShort(String request) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            Thread.sleep(100);
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** Sends {@code request} and then a health check on the same connection; returns all that came back. */
    private String thenHealth(String request) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.base.getPort())) {
            socket.setSoTimeout(10_000);
            String health = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write((request + health).getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void aBodyOverTheLimitUnderUpstreamIs413BeforeTheModelIsAskedFor() throws Exception {
        byte[] big = "x".repeat(2000).getBytes();
        for (HttpRequest.BodyPublisher body : List.of(HttpRequest.BodyPublishers.ofByteArray(big),
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))) {
            HttpRequest request = HttpRequest.newBuilder(proxy.base.resolve("/upstream/alpha/upload")).POST(body).build();
            error(proxy.send(request), 413, "body_too_large");
        }
        assertEquals(0, proxy.engine.upstreams.leases.size(), "no model started for a body refused");
        assertEquals(200, proxy.post("/upstream/alpha/upload", "small").statusCode());
        assertEquals("small", proxy.upstream.next().bodyText());
    }

    @Test
    void pastTheConcurrencyLimitIs429WithRetryAfter() throws Exception {
        HttpResponse<String> response = proxy.post("/v1/chat/completions", "{\"model\":\"busy\"}");
        error(response, 429, "concurrency_limit");
        assertEquals("1", response.headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void startFailureIs502WithItsReason() throws Exception {
        JsonNode e = error(proxy.post("/v1/chat/completions", "{\"model\":\"broken\"}"), 502, "upstream_unavailable");
        assertEquals("server_error", e.get("type").asText(), "OpenAI's type, as llama-swap gives its 502s");
        assertTrue(e.get("message").asText().contains("command not found"));
        assertTrue(proxy.engine.logs.proxyHistory().stream().anyMatch(l -> l.text().contains("command not found")),
                "failures go to the proxy log");
    }

    @Test
    void unreachableUpstreamIs502AndTheLeaseIsClosed() throws Exception {
        JsonNode e = error(proxy.post("/v1/chat/completions", "{\"model\":\"gone\"}"), 502, "upstream_unavailable");
        assertTrue(e.get("message").asText().contains("gone"), e.toString());
        FakeUpstreams.TrackedLease lease = proxy.engine.upstreams.lastLease();
        assertTrue(lease.awaitClosed());
        assertEquals(1, lease.closes.get());
    }

    @Test
    void shuttingDownIs503() throws Exception {
        proxy.engine.shuttingDown = true;
        JsonNode e = error(proxy.post("/v1/chat/completions", "{\"model\":\"alpha\"}"), 503, "shutting_down");
        assertEquals("server_error", e.get("type").asText());
        error(proxy.get("/upstream/alpha/health"), 503, "shutting_down");
    }

    @Test
    void unknownRouteIs404AndWrongMethodIs405() throws Exception {
        JsonNode nowhere = error(proxy.get("/nowhere"), 404, "not_found");
        assertTrue(nowhere.path("message").asText().endsWith("through /upstream/<model>/nowhere"), nowhere.toString());
        JsonNode versionless = error(proxy.post("/v/tokenize", "{\"model\":\"alpha\"}"), 404, "not_found");
        assertTrue(versionless.path("message").asText().endsWith("through /upstream/<model>/tokenize"),
                versionless.toString());
        HttpResponse<String> wrong = proxy.get("/v1/chat/completions");
        JsonNode body = error(wrong, 405, "method_not_allowed");
        assertEquals("POST", wrong.headers().firstValue("Allow").orElse(""));
        assertTrue(body.path("message").asText().endsWith("; use POST"), body.toString());
        assertEquals("GET, HEAD", proxy.post("/health", "{}").headers().firstValue("Allow").orElse(""));
        assertEquals("POST", proxy.get("/api/models/load/alpha").headers().firstValue("Allow").orElse(""));
    }

    /** A plain OPTIONS (no browser preflight) names the methods its route answers, as the 405 does. */
    @Test
    void optionsNamesTheMethodsOfItsRoute() throws Exception {
        Map<String, String> allow = Map.of("/v1/chat/completions", "POST, OPTIONS", "/health", "GET, HEAD, OPTIONS",
                "/props", "GET, HEAD, OPTIONS", "/api/profiles/active", "PUT, OPTIONS",
                "/api/models/load/alpha", "POST, OPTIONS", "/logs/stream/alpha", "GET, OPTIONS");
        for (Map.Entry<String, String> route : allow.entrySet()) {
            HttpResponse<String> options = options(route.getKey());
            assertEquals(204, options.statusCode(), route.getKey());
            assertEquals(route.getValue(), options.headers().firstValue("Allow").orElse(""), route.getKey());
        }
        error(options("/nowhere"), 404, "not_found");
    }

    private HttpResponse<String> options(String path) throws Exception {
        return proxy.send(HttpRequest.newBuilder(proxy.base.resolve(path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void headIsAnsweredWhereAMonitorAsksAndChangesNothingElsewhere() throws Exception {
        for (String path : List.of("/health", "/wol-health", "/v1/models", "/running")) {
            HttpResponse<String> head = proxy.send(HttpRequest.newBuilder(proxy.base.resolve(path))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(200, head.statusCode(), path);
            assertEquals("", head.body(), path);
        }
        HttpResponse<String> unload = proxy.send(HttpRequest.newBuilder(proxy.base.resolve("/unload"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(405, unload.statusCode());
    }
}
