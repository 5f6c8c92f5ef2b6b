package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BodyParsingTest {
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void findsTheTopLevelModelOnly() {
        assertEquals(Optional.of("m"), JsonBody.model(bytes("{\"x\":{\"model\":\"inner\"},\"model\":\"m\"}")));
        assertEquals(Optional.empty(), JsonBody.model(bytes("{\"model\":null}")));
        assertEquals(Optional.empty(), JsonBody.model(bytes("{}")));
        assertThrows(BadBodyException.class, () -> JsonBody.model(bytes("not json")));
        assertThrows(BadBodyException.class, () -> JsonBody.model(bytes("{\"a\":")));
    }

    @Test
    void aBodyCutShortOrWithTextAfterItIsRefusedWhereverTheModelIs() {
        for (String body : List.of("{\"model\":\"tb\",", "{\"model\":\"tb\", garbage here", "{\"model\":\"tb\"}trailing",
                "{\"model\":\"tb\"} {}", "{\"model\":\"tb\",\"messages\":[")) {
            BadBodyException refused = assertThrows(BadBodyException.class, () -> JsonBody.model(bytes(body)), body);
            assertTrue(refused.getMessage().startsWith("the request body is not valid JSON: "), refused.getMessage());
            assertTrue(refused.getMessage().contains("line 1, column "), refused.getMessage());
            assertFalse(refused.getMessage().contains("Source"), refused.getMessage());
        }
        BadBodyException open = assertThrows(BadBodyException.class, () -> JsonBody.model(bytes("{\"model\":\"tb\",\"messages\":[")));
        assertEquals("the request body is not valid JSON: Unexpected end-of-input: expected close marker for Array "
                + "(start marker at line 1, column 26) at line 1, column 27", open.getMessage());
    }

    @Test
    void aModelThatIsNotAStringIsRefusedAsSuchNotAsMissing() {
        for (String model : List.of("7", "[\"qwen\"]", "{\"a\":1}", "true")) {
            BadBodyException refused = assertThrows(BadBodyException.class,
                    () -> JsonBody.model(bytes("{\"model\":" + model + "}")), model);
            assertTrue(refused.getMessage().startsWith("the \"model\" field must be a string"), refused.getMessage());
        }
        assertEquals(Optional.of("m"), JsonBody.model(bytes("{\"model\":7,\"model\":\"m\"}")));
    }

    /** A large image or audio clip sent as base64: one string past Jackson's default 20 million characters. */
    @Test
    void aStringLongerThanJacksonsDefaultLimitIsReadAndRewritten() {
        String image = "A".repeat(20_500_000);
        byte[] body = bytes("{\"model\":\"m\",\"image\":\"" + image + "\"}");

        assertEquals(Optional.of("m"), JsonBody.model(body));
        byte[] rewritten = JsonBody.rewrite(body, "real-name", Set.of(), "m");
        assertEquals(body.length + "real-name".length() - 1, rewritten.length);
    }

    /** llama-server reads 5,000 levels and numbers of a thousand digits; Jackson's defaults stop at 1,000. */
    @Test
    void deepNestingAndLongNumbersThatLlamaServerReadsAreRead() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        String digits = "9".repeat(1_001);
        byte[] body = bytes("{\"model\":\"m\",\"x\":" + deep + ",\"n\":" + digits + "}");
        assertEquals(Optional.of("m"), JsonBody.model(body));

        String deeper = "[".repeat(10_001) + "]".repeat(10_001);
        BadBodyException refused = assertThrows(BadBodyException.class,
                () -> JsonBody.model(bytes("{\"model\":\"m\",\"x\":" + deeper + "}")));
        assertEquals("the request body goes past a limit of Swapdeck's JSON handling: Document nesting depth (10001) "
                + "exceeds the maximum allowed (10000)", refused.getMessage());
        BadBodyException notRewritten = assertThrows(BadBodyException.class,
                () -> JsonBody.rewrite(body, "other", Set.of(), "m"));
        assertTrue(notRewritten.getMessage().startsWith("the request body goes past a limit of Swapdeck's JSON handling: "),
                notRewritten.getMessage());
    }

    @Test
    void ofTwoModelFieldsTheLastCountsAsInLlamaServer() {
        assertEquals(Optional.of("tb"), JsonBody.model(bytes("{\"model\":\"ta\",\"model\":\"tb\"}")));
    }

    @Test
    void rewritesOnlyWhenSomethingChanges() {
        byte[] body = bytes("{ \"model\": \"m\", \"keep\": 1 }");
        assertSame(body, JsonBody.rewrite(body, null, Set.of(), "m"));
        assertSame(body, JsonBody.rewrite(body, "m", Set.of("absent", "model"), "m"));
        assertEquals("{\"model\":\"m\"}", new String(JsonBody.rewrite(body, null, Set.of("keep"), "m"),
                StandardCharsets.UTF_8));
        assertEquals("{\"model\":\"other\",\"keep\":1}", new String(JsonBody.rewrite(body, "other", Set.of(), "m"),
                StandardCharsets.UTF_8));
    }

    /** What a client sent reaches the server as sent, but for the edit: llama-swap edits the bytes in place. */
    @Test
    void aRewriteKeepsEveryOtherValueAsWritten() {
        String values = "\"a\":12345678901234567890123,\"b\":3.14159265358979323846264338327950288,\"e\":1E+2,"
                + "\"j\":[1.10,2.50],\"x\":1E+400,\"t\":\"h\u00e9llo \uD83D\uDE00\"";
        byte[] body = ("{\"model\":\"m\"," + values + ",\"temperature\":0.7}").getBytes(StandardCharsets.UTF_8);

        String rewritten = new String(JsonBody.rewrite(body, "real-name", Set.of("temperature"), "m"), StandardCharsets.UTF_8);

        assertEquals("{\"model\":\"real-name\"," + values + "}", rewritten);
    }

    @Test
    void readsAndReplacesAMultipartField() {
        assertEquals(Optional.of("abc"), MultipartForm.boundary("multipart/form-data; boundary=\"abc\""));
        assertEquals(Optional.of("B"), MultipartForm.boundary("Multipart/Form-Data;boundary=B"), "media types ignore case");
        assertEquals(Optional.empty(), MultipartForm.boundary("application/json"));
        assertEquals(Optional.empty(), MultipartForm.boundary("multipart/mixed; boundary=B"));
        byte[] file = {1, 2, 3};
        byte[] body = ModelRoutingTest.multipart("xyz", "whisper", file);
        MultipartForm.Field field = MultipartForm.field(body, "xyz", "model").orElseThrow();
        assertEquals("whisper", field.value());
        byte[] replaced = MultipartForm.replace(body, field, "w2");
        assertEquals("w2", MultipartForm.field(replaced, "xyz", "model").orElseThrow().value());
        assertArrayEquals(body, MultipartForm.replace(replaced,
                MultipartForm.field(replaced, "xyz", "model").orElseThrow(), "whisper"));
        assertEquals(Optional.empty(), MultipartForm.field(body, "xyz", "language"));
    }

    @Test
    void aFilePartNamedModelIsNotTheModelField() {
        String body = "--b\r\nContent-Disposition: form-data; name=\"model\"; filename=\"qwen\"\r\n\r\nBINARY"
                + "\r\n--b\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper\r\n--b--\r\n";
        assertEquals("whisper", MultipartForm.field(bytes(body), "b", "model").orElseThrow().value());
        String onlyTheFile = "--b\r\nContent-Disposition: form-data; name=\"model\"; filename=\"qwen\"\r\n\r\nBINARY"
                + "\r\n--b--\r\n";
        assertEquals(Optional.empty(), MultipartForm.field(bytes(onlyTheFile), "b", "model"));
    }

    @Test
    void aFormWithoutABoundaryOrCutShortIsRefusedAsAForm() {
        BadBodyException noBoundary = assertThrows(BadBodyException.class,
                () -> MultipartForm.boundary("multipart/form-data"));
        assertTrue(noBoundary.getMessage().contains("no boundary parameter"), noBoundary.getMessage());
        assertThrows(BadBodyException.class, () -> MultipartForm.boundary("multipart/form-data; boundary="));

        String cut = "--b\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper\r\n";
        BadBodyException cutShort = assertThrows(BadBodyException.class,
                () -> MultipartForm.field(bytes(cut), "b", "model"));
        assertTrue(cutShort.getMessage().startsWith("the multipart form is cut short"), cutShort.getMessage());
    }
}
