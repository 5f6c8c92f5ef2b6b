package dev.swapdeck.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.process.ProcessState;
import dev.swapdeck.testing.TestModels;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A chat app running in a browser on another local origin can call Swapdeck (CORS); a page on
 * another site cannot (SPEC §8).
 */
class BrowserClientsTest {
    private static final String ORIGIN = "http://localhost:3000";

    @Test
    void aPreflightFromALocalOriginIsAnsweredNamingIt() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a")))) {
            HttpResponse<String> preflight = swapdeck.client.send(HttpRequest.newBuilder(
                            swapdeck.base.resolve("/v1/chat/completions"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", ORIGIN)
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type, authorization").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(204, preflight.statusCode());
            assertEquals(ORIGIN, preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
            assertEquals("content-type, authorization",
                    preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(""));
            assertTrue(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
        }
    }

    @Test
    void responsesToABrowserCarryExactlyOneAllowOrigin() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a")))) {
            HttpResponse<String> models = swapdeck.client.send(HttpRequest.newBuilder(swapdeck.base.resolve("/v1/models"))
                    .header("Origin", ORIGIN).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(List.of(ORIGIN), models.headers().allValues("Access-Control-Allow-Origin"));

            HttpRequest chat = HttpRequest.newBuilder(swapdeck.chatRequest("a", ""), (name, value) -> true)
                    .header("Origin", ORIGIN).build();
            HttpResponse<String> proxied = swapdeck.client.send(chat, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, proxied.statusCode(), proxied.body());
            assertEquals(List.of(ORIGIN), proxied.headers().allValues("Access-Control-Allow-Origin"),
                    "Swapdeck's value replaces the upstream's own, so there is exactly one");

            HttpResponse<String> refused = swapdeck.client.send(HttpRequest.newBuilder(
                    swapdeck.chatRequest("nope", ""), (name, value) -> true).header("Origin", ORIGIN).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, refused.statusCode());
            assertEquals(List.of(ORIGIN), refused.headers().allValues("Access-Control-Allow-Origin"),
                    "Swapdeck's own answers carry it too, so the browser can read the error");
        }
    }

    @Test
    void aPageOnAnotherSiteCanNeitherChatNorReadTheAnswer() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a")))) {
            HttpResponse<String> chat = swapdeck.client.send(HttpRequest.newBuilder(swapdeck.chatRequest("a", ""),
                    (name, value) -> true).header("Origin", "https://evil.example").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, chat.statusCode(), chat.body());
            assertTrue(chat.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
            assertEquals(ProcessState.STOPPED, swapdeck.core.state("a"), "the model was not started for the foreign page");
        }
    }

    @Test
    void requestsWithoutAnOriginGetNoCorsHeaders() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a")))) {
            HttpResponse<String> models = swapdeck.client.send(HttpRequest.newBuilder(swapdeck.base.resolve("/v1/models"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(models.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        }
    }
}
