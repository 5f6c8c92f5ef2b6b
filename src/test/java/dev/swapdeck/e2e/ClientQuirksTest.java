package dev.swapdeck.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swapdeck.testing.TestModels;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
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

    /** Java's HttpClient offers h2c on a plain request: declined, and the offer goes no further. */
    @Test
    void anH2cOfferIsDeclinedAndNotPassedOn() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a")))) {
            HttpClient offersH2c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
            HttpResponse<String> response = offersH2c.send(HttpRequest.newBuilder(swapdeck.base.resolve("/upstream/a/echo"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(HttpClient.Version.HTTP_1_1, response.version());
            JsonNode headers = LiveSwapdeck.JSON.readTree(response.body()).path("headers");
            assertFalse(headers.has("upgrade"), headers.toString());
            assertFalse(headers.has("http2-settings"), headers.toString());
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

    /**
     * Python's urllib sends {@code Connection: close}. A streamed answer is still chunked (as llama-server
     * sends it), so that one cut short, without its last chunk, is not taken for a whole one.
     */
    @Test
    void aStreamToAClientThatClosesAfterItIsChunkedAllTheSame() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a")));
             Socket socket = new Socket("127.0.0.1", swapdeck.base.getPort())) {
            byte[] body = "{\"model\":\"a\",\"stream\":true,\"max_tokens\":3}".getBytes(StandardCharsets.UTF_8);
            String head = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:" + swapdeck.base.getPort()
                    + "\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.setSoTimeout(20_000);

            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            String answerHead = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
            assertTrue(answerHead.startsWith("http/1.1 200") && answerHead.contains("\r\ntransfer-encoding: chunked"), answer);
            assertTrue(answer.contains("[DONE]") && answer.endsWith("\r\n0\r\n\r\n"), answer);
        }
    }
}
