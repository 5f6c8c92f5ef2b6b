package dev.swapdeck.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swapdeck.testing.TestModels;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What real clients send that a naive proxy gets wrong. */
class ClientQuirksTest {

    @Test
    void aClientThatAsksToContinueBeforeSendingItsBodyIsAnswered() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a")))) {
            HttpClient expecting = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest request = HttpRequest.newBuilder(swapdeck.chatRequest("a", ""), (name, value) -> true)
                    .expectContinue(true).timeout(Duration.ofSeconds(20)).build();
            HttpResponse<String> response = expecting.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("a", LiveSwapdeck.servedBy(response));
        }
    }

    @Test
    void hopByHopHeadersStayBetweenTheClientAndSwapdeck() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a")))) {
            HttpRequest request = HttpRequest.newBuilder(swapdeck.base.resolve("/upstream/a/echo"))
                    .header("Proxy-Authorization", "Basic c2VjcmV0")
                    .header("TE", "trailers")
                    .header("X-Kept", "yes")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            HttpResponse<String> response = swapdeck.client.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            JsonNode headers = LiveSwapdeck.JSON.readTree(response.body()).path("headers");
            assertEquals("yes", headers.path("x-kept").asText(), headers.toString());
            assertFalse(headers.has("proxy-authorization"), headers.toString());
            assertFalse(headers.has("te"), headers.toString());
            assertTrue(headers.has("content-length") || headers.has("transfer-encoding"), headers.toString());
        }
    }
}
