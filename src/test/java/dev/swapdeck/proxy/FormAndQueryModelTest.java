package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A POST that is not JSON names its model as llama-swap reads it ({@code r.FormValue("model")}): in a
 * URL-encoded form's field, or else in the URL's {@code ?model=}; a body declared JSON only in itself.
 */
class FormAndQueryModelTest {
    @AutoClose
    private final ProxyFixture proxy = ProxyFixture.start();

    @Test
    void aUrlEncodedFormNamesItsModelInItsFieldWhichIsRenamedThere() throws Exception {
        HttpResponse<String> response = post("/v1/audio/transcriptions", "application/x-www-form-urlencoded",
                "language=en&model=beta&prompt=a%26b");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("beta", proxy.engine.upstreams.lastLease().model().id());
        TestUpstream.Received received = proxy.upstream.next();
        assertEquals("language=en&model=beta-upstream-name&prompt=a%26b", received.bodyText(),
                "useModelName renames the field, the rest as it came");
        assertEquals(String.valueOf(received.body().length), received.headers().get("Content-length").get(0));
    }

    /** curl's {@code -d '{"model": ...}'} declares its JSON a form; llama-server reads it as JSON. */
    @Test
    void jsonSentWithCurlsFormTypeNamesItsModelAsJson() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", "application/x-www-form-urlencoded",
                " {\"model\":\"beta\",\"messages\":[{\"role\":\"user\",\"content\":\"a=b&c\"}]}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("beta", proxy.engine.upstreams.lastLease().model().id());
        assertTrue(proxy.upstream.next().bodyText().contains("\"model\":\"beta-upstream-name\""),
                "renamed as JSON is");
    }

    @Test
    void aFormWithoutAModelFieldTakesTheUrlsModel() throws Exception {
        String boundary = "----swapdeck-form";
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"language\"\r\n\r\nen\r\n--"
                + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> response = proxy.send(HttpRequest.newBuilder(
                        proxy.base.resolve("/v1/audio/transcriptions?model=beta&x=1"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());

        assertEquals(200, response.statusCode(), response.body());
        TestUpstream.Received received = proxy.upstream.next();
        assertEquals("/v1/audio/transcriptions?model=beta-upstream-name&x=1", received.uri());
        assertArrayEquals(body, received.body(), "the form is sent as it came");

        assertEquals(200, post("/v1/audio/transcriptions?model=a1", "application/x-www-form-urlencoded", "language=en")
                .statusCode());
        assertEquals("alpha", proxy.engine.upstreams.lastLease().model().id());
    }

    @Test
    void aBodyOfAnotherTypeTakesTheUrlsModel() throws Exception {
        HttpResponse<String> response = post("/v1/audio/speech?model=a1", "text/plain", "say this");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("alpha", proxy.engine.upstreams.lastLease().model().id());
        TestUpstream.Received received = proxy.upstream.next();
        assertEquals("say this", received.bodyText());
        assertEquals("/v1/audio/speech?model=a1", received.uri());
    }

    @Test
    void aBodyDeclaredJsonNamesItsModelInItselfOnly() throws Exception {
        HttpResponse<String> response = post("/v1/audio/speech?model=alpha", "application/json", "{\"input\":\"x\"}");

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("missing_model"), response.body());
    }

    private HttpResponse<String> post(String path, String type, String body) throws Exception {
        return proxy.send(HttpRequest.newBuilder(proxy.base.resolve(path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
