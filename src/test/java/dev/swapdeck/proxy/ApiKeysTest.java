package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.SecurityConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** llama-swap's apiKeys: every route but /health needs a key, in any of its three forms (SPEC §8). */
class ApiKeysTest {
    private static final String KEY = "sk-test-0123456789";
    private static final String UNICODE_KEY = "sk-ünï-İ";

    @AutoClose
    private final ProxyFixture proxy = ProxyFixture.start(ProxyOptions.defaults(), SecurityConfig.defaults()
            .withApiKeys(List.of("sk-other", KEY, UNICODE_KEY)));

    private HttpResponse<String> chat(String header, String value) throws Exception {
        return chat(header == null ? Map.of() : Map.of(header, value));
    }

    @Test
    void requestsWithoutAValidKeyAreRefusedWithAChallenge() throws Exception {
        for (String[] attempt : new String[][] {{null, null}, {"Authorization", "Bearer sk-wrong"},
                {"x-api-key", KEY + "x"}, {"Authorization", "Basic " + basic("user:nope")}}) {
            HttpResponse<String> response = chat(attempt[0], attempt[1]);
            assertEquals(401, response.statusCode(), String.join(" ", String.valueOf(attempt[0])));
            assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
            assertEquals("invalid_api_key", ProxyFixture.json(response).path("error").path("code").asText());
        }
        assertEquals(401, proxy.get("/api/models").statusCode());
        assertEquals(401, proxy.post("/api/shutdown", "").statusCode());
        assertEquals(List.of(), proxy.engine.commands);
        assertTrue(proxy.upstream.received.isEmpty());
        assertFalse(proxy.engine.logs.proxyHistory().stream().anyMatch(line -> line.text().contains("sk-wrong")),
                "offered keys are never logged");
    }

    @Test
    void aKeyIsAcceptedAsBearerApiKeyHeaderOrBasicPassword() throws Exception {
        assertEquals(200, chat("Authorization", "Bearer " + KEY).statusCode());
        assertEquals(200, chat("x-api-key", KEY).statusCode());
        assertEquals(200, chat("Authorization", "Basic " + basic("anyone:" + KEY)).statusCode());
        TestUpstream.Received forwarded = proxy.upstream.next();
        assertEquals(List.of("Bearer " + KEY), forwarded.headers().get("Authorization"),
                "the key goes on, as llama-swap passes it, for a model server started with the same --api-key");
        assertEquals(200, proxy.send(HttpRequest.newBuilder(proxy.base.resolve("/api/models"))
                .header("Authorization", "bearer " + KEY).build()).statusCode());
    }

    /**
     * One key decides, picked as llama-swap picks it: Basic's password, else Bearer's token, else
     * {@code x-api-key}. A wrong key in {@code Authorization} is not made up for by a right {@code x-api-key}.
     */
    @Test
    void theKeyThatDecidesIsTheOneLlamaSwapReads() throws Exception {
        assertEquals(401, chat(Map.of("Authorization", "Bearer " + KEY + "x", "x-api-key", KEY)).statusCode());
        assertEquals(401, chat(Map.of("Authorization", "Basic " + basic("u:nope"), "x-api-key", KEY)).statusCode());
        assertEquals(200, chat(Map.of("Authorization", "Basic " + basic("u:" + KEY), "x-api-key", "nope")).statusCode());
        assertEquals(200, chat(Map.of("Authorization", "Basic " + basic("u:"), "x-api-key", KEY)).statusCode(),
                "an empty password offers no key: x-api-key is read");
        assertEquals(200, chat(Map.of("Authorization", "Digest abc", "x-api-key", KEY)).statusCode(),
                "another scheme offers no key either");
    }

    private HttpResponse<String> chat(Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(proxy.base.resolve("/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"alpha\"}"));
        headers.forEach(request::header);
        return proxy.send(request.build());
    }

    /** curl sends a header's non-ASCII characters as UTF-8 bytes; the key in the YAML is UTF-8 too. */
    @Test
    void aKeyWithNonAsciiCharactersIsAcceptedAsCurlSendsIt() throws Exception {
        assertEquals("HTTP/1.1 200 OK", rawChat("Authorization: Bearer " + UNICODE_KEY));
        assertEquals("HTTP/1.1 200 OK", rawChat("x-api-key: " + UNICODE_KEY));
        assertEquals("HTTP/1.1 401 Unauthorized", rawChat("x-api-key: sk-ünï-I"));
        assertEquals(200, chat("Authorization", "Basic " + basic("anyone:" + UNICODE_KEY)).statusCode());
    }

    /** A chat whose head, {@code header} included, is written in UTF-8; returns the answer's status line. */
    private String rawChat(String header) throws Exception {
        String body = "{\"model\":\"alpha\"}";
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.base.getPort())) {
            socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:" + proxy.base.getPort()
                    + "\r\n" + header + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                    .readLine();
        }
    }

    /** Which routes exist is no answer without a key; a browser's preflight carries none and is answered. */
    @Test
    void aPlainOptionsNeedsAKeyAndAPreflightDoesNot() throws Exception {
        for (String path : List.of("/api/shutdown", "/logs", "/metrics", "/v1/chat/completions")) {
            assertEquals(401, options(path, null).statusCode(), path);
            HttpResponse<String> withKey = options(path, KEY);
            assertEquals(204, withKey.statusCode(), path);
            assertTrue(withKey.headers().firstValue("Allow").orElse("").endsWith("OPTIONS"), path);
        }
        HttpResponse<String> preflight = proxy.send(HttpRequest.newBuilder(proxy.base.resolve("/v1/chat/completions"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST").build());
        assertEquals(204, preflight.statusCode());
        assertEquals("http://localhost:3000", preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    }

    private HttpResponse<String> options(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(proxy.base.resolve(path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            request.header("x-api-key", key);
        }
        return proxy.send(request.build());
    }

    @Test
    void healthNeedsNoKey() throws Exception {
        assertEquals(200, proxy.get("/health").statusCode());
    }

    private static String basic(String userAndPassword) {
        return Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }
}
