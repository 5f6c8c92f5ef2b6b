package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.process.ProcessState;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * llama-swap's request filters, listing and {@code /upstream} rules, from a file in llama-swap's
 * style, as the upstream (a real server that records every body) receives them and as a client
 * reads them.
 */
class LlamaSwapForwardingTest {
    private TestUpstream upstream;
    private FakeEngine engine;
    private ProxyServer server;
    private URI base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        upstream = new TestUpstream();
        String url = upstream.uri().toString();
        SwapdeckConfig config = ConfigLoader.parse(String.join("\n",
                "includeAliasesInList: true",
                "macros:",
                "  temp: 0.7",
                "  ctx: 8192",
                "  label: \"fast\"",
                "models:",
                "  gpt-oss:",
                "    cmd: llama-server --port 9",
                "    proxy: " + url,
                "    useModelName: openai/gpt-oss",
                "    aliases: [gpt-4o-mini]",
                "    filters:",
                "      stripParams: \"top_k, model, nested.drop\"",
                "      setParams:",
                "        temperature: ${temp}",
                "        top_p: 0.9",
                "        model: never-this",
                "      setParamsByID:",
                "        \"${MODEL_ID}:high\":",
                "          chat_template_kwargs: {reasoning_effort: high}",
                "          top_p: 1.0",
                "    metadata:",
                "      ctx: ${ctx}",
                "      temperature: \"${temp}\"",
                "      label: ${label}",
                "      note: \"${MODEL_ID} at temp ${temp}\"",
                "      flags: [1, 1.5, true, \"${MODEL_ID}\"]",
                "      context_length: 1",
                "    capabilities:",
                "      in: [text, image]",
                "      out: [text]",
                "      tools: true",
                "      context: 32000",
                "  legacy:",
                "    cmd: llama-server --port 9",
                "    proxy: " + url,
                "    filters:",
                "      strip_params: seed, top_k",
                "  org/base:",
                "    cmd: llama-server --port 9",
                "    proxy: " + url,
                "    capabilities: {in: [text], out: [text]}",
                "  org/base/long:",
                "    cmd: llama-server --port 9",
                "    proxy: " + url,
                "  \"win\\\\base\":",
                "    cmd: llama-server --port 9",
                "    proxy: " + url,
                "    unlisted: true",
                "  hidden:",
                "    cmd: llama-server --port 9",
                "    proxy: " + url,
                "    unlisted: true",
                ""), "config.yaml", Optional.empty());
        engine = new FakeEngine(config);
        server = new ProxyServer(engine);
        InetSocketAddress address = server.start("127.0.0.1", 0);
        base = URI.create("http://127.0.0.1:" + address.getPort());
    }

    @AfterEach
    void stop() {
        server.stop();
        upstream.close();
    }

    @Test
    void filtersApplyInLlamaSwapsOrderAndNeverTouchTheModelKey() throws Exception {
        post("/v1/chat/completions", "{\"model\":\"gpt-oss\",\"top_k\":40,\"temperature\":0.1,"
                + "\"nested\":{\"drop\":1,\"keep\":2},\"messages\":[]}");
        JsonNode plain = ProxyFixture.JSON.readTree(upstream.next().bodyText());
        assertEquals("openai/gpt-oss", plain.path("model").asText(), "useModelName, not setParams' model");
        assertFalse(plain.has("top_k"), "stripped");
        assertEquals("{\"keep\":2}", plain.path("nested").toString(), "a dotted key strips inside an object");
        assertEquals(0.7, plain.path("temperature").asDouble(), "setParams wins over the client, macro typed");
        assertTrue(plain.path("temperature").isNumber());
        assertEquals(0.9, plain.path("top_p").asDouble());
        assertFalse(plain.has("chat_template_kwargs"), "setParamsByID applies only to its own name");
    }

    @Test
    void setParamsByIdKeysAreAliasesWhoseParamsWinOverSetParams() throws Exception {
        HttpResponse<String> answer = post("/v1/chat/completions", "{\"model\":\"gpt-oss:high\",\"messages\":[]}");
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode high = ProxyFixture.JSON.readTree(upstream.next().bodyText());
        assertEquals("openai/gpt-oss", high.path("model").asText());
        assertEquals("high", high.path("chat_template_kwargs").path("reasoning_effort").asText());
        assertEquals(1.0, high.path("top_p").asDouble(), "setParamsByID is applied after setParams");
        assertEquals("gpt-oss", engine.upstreams.lastLease().model().id());
    }

    @Test
    void theOldStripParamsSpellingStillStrips() throws Exception {
        post("/v1/chat/completions", "{\"model\":\"legacy\",\"seed\":1,\"top_k\":2,\"keep\":3}");
        assertEquals("{\"model\":\"legacy\",\"keep\":3}", upstream.next().bodyText());
    }

    @Test
    void modelsAreListedWithMetadataTypesCapabilitiesAndAliases() throws Exception {
        for (String path : List.of("/v1/models", "/models")) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            JsonNode data = ProxyFixture.JSON.readTree(response.body()).path("data");
            List<String> ids = new ArrayList<>();
            data.forEach(entry -> ids.add(entry.path("id").asText()));
            assertEquals(List.of("gpt-4o-mini", "gpt-oss", "gpt-oss:high", "legacy", "org/base", "org/base/long"), ids);
            JsonNode gpt = data.get(1);
            JsonNode meta = gpt.path("meta").path("llamaswap");
            assertTrue(meta.path("ctx").isIntegralNumber(), meta.toString());
            assertEquals(8192, meta.path("ctx").asInt());
            assertTrue(meta.path("temperature").isDouble(), "a quoted lone macro keeps the macro's type");
            assertEquals("fast", meta.path("label").asText());
            assertEquals("gpt-oss at temp 0.7", meta.path("note").asText());
            assertEquals("[1,1.5,true,\"gpt-oss\"]", meta.path("flags").toString());
            assertFalse(meta.has("context_length"), "capabilities own context_length");
            assertEquals("model", meta.path("type").asText());
            assertEquals("[\"gpt-4o-mini\",\"gpt-oss:high\"]", meta.path("aliases").toString());
            assertEquals(32000, gpt.path("context_length").asInt());
            assertEquals(32000, gpt.path("meta").path("n_ctx").asInt());
            assertTrue(gpt.path("capabilities").path("vision").asBoolean());
            assertTrue(gpt.path("capabilities").path("function_calling").asBoolean());
            assertEquals("text+image->text", gpt.path("architecture").path("modality").asText());
            assertEquals("[\"tools\",\"tool_choice\"]", gpt.path("supported_parameters").toString());
            JsonNode alias = data.get(0).path("meta").path("llamaswap");
            assertEquals("alias", alias.path("type").asText());
            assertEquals("gpt-oss", alias.path("modelID").asText());
            JsonNode textOnly = data.get(4);
            assertEquals("text->text", textOnly.path("architecture").path("modality").asText());
            assertFalse(textOnly.has("capabilities"), "no flag set: left out, as llama-swap omits it");
        }
    }

    @Test
    void upstreamPathsMatchTheLongestModelName() throws Exception {
        assertEquals(200, send("GET", "/upstream/org/base/long/props").statusCode());
        assertEquals("/props", upstream.next().uri());
        assertEquals("org/base/long", engine.upstreams.lastLease().model().id());
        assertEquals(200, send("GET", "/upstream/org/base/props").statusCode());
        assertEquals("/props", upstream.next().uri());
        assertEquals("org/base", engine.upstreams.lastLease().model().id());
        HttpResponse<String> folder = send("GET", "/upstream/org/base/long?x=1");
        assertEquals(301, folder.statusCode(), "a model's root redirects to its folder, as in llama-swap");
        assertEquals("/upstream/org/base/long/?x=1", folder.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void logStreamsReachModelsWhoseIdsHoldSlashesAsUpstreamPathsDo() throws Exception {
        engine.logs.upstream("org/base", "printed by org/base");
        engine.logs.upstream("win\\base", "printed by win\\base");
        for (String id : List.of("win\\base", "org/base")) {
            String encoded = id.replace("/", "%2F").replace("\\", "%5C");
            assertEquals(200, send("GET", "/upstream/" + encoded + "/props").statusCode());
            assertEquals(id, engine.upstreams.lastLease().model().id());
            HttpResponse<InputStream> stream = client.send(HttpRequest.newBuilder(base.resolve("/logs/stream/" + encoded))
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                assertEquals(200, stream.statusCode(), "/logs/stream/" + encoded);
                assertEquals("printed by " + id, lines.readLine());
            }
            assertEquals(200, send("POST", "/api/models/unload/" + encoded).statusCode(), "/api/models/unload/" + encoded);
            assertEquals("unload " + id, engine.commands.get(engine.commands.size() - 1));
        }
    }

    @Test
    void anIgnoredPathNeverStartsAModelButReachesARunningOne() throws Exception {
        HttpResponse<String> refused = send("GET", "/upstream/legacy/static/app.js");
        assertEquals(409, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("upstream.ignorePaths"), refused.body());
        assertTrue(engine.upstreams.leases.isEmpty(), "nothing was acquired, so nothing started");
        assertTrue(upstream.received.isEmpty());

        engine.states.put("legacy", ProcessState.READY);
        assertEquals(200, send("GET", "/upstream/legacy/static/app.js").statusCode());
        assertEquals("/static/app.js", upstream.next().uri());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
