package dev.swapdeck.proxy;

import static dev.swapdeck.proxy.ProxyTestModels.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.routing.Route;
import dev.swapdeck.testing.Await;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xnio.channels.StreamSinkChannel;

/**
 * Continuation mode (llama-swap's sendLoadingState): a handler starts the response itself with an SSE
 * "loading" event and hands its channel over; the forwarder then streams only the upstream's body onto
 * it, and ends it with one SSE error event when the upstream answers non-2xx.
 */
class ResponseContinuationTest {
    private static final String LOADING = "data: {\"loading\":true}\n\n";

    private TestUpstream upstream;
    private FakeEngine engine;
    private Forwarder forwarder;
    private Undertow server;
    private URI base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws IOException {
        upstream = new TestUpstream();
        engine = new FakeEngine(ProxyTestModels.config(Map.of(), model("alpha", upstream.uri())));
        forwarder = new Forwarder(engine.logs(), engine.loads(), ListenerLimits.DEFAULT_CLIENT_STALL);
        server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(this::loadingThenForward).build();
        server.start();
        base = URI.create("http://127.0.0.1:" + ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort());
    }

    @AfterEach
    void stop() {
        server.stop();
        forwarder.close();
        upstream.close();
    }

    private void loadingThenForward(HttpServerExchange exchange) throws IOException {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream");
        StreamSinkChannel out = exchange.getResponseChannel();
        ByteBuffer event = ByteBuffer.wrap(LOADING.getBytes(StandardCharsets.UTF_8));
        while (event.hasRemaining()) {
            out.write(event);
        }
        out.flush();
        ResponseContinuation.handOver(exchange, out);
        Route route = engine.upstreams.resolve("alpha");
        forwarder.forward(exchange, engine.upstreams, route, BufferedBody.of(new byte[0]));
    }

    private HttpResponse<String> post(String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(""));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theUpstreamBodyContinuesTheStartedResponseWithoutItsHead() throws Exception {
        HttpResponse<String> response = post("X-Test-Chunks", "3", "X-Test-Pace-Ms", "5");
        assertEquals(200, response.statusCode());
        assertEquals(LOADING + "data: chunk 0\n\ndata: chunk 1\n\ndata: chunk 2\n\ndata: [DONE]\n\n", response.body());
        Await.until("the lease is released", Duration.ofSeconds(10), () -> engine.upstreams.openLeases() == 0);
    }

    /** The answer's Content-Encoding never reaches the client: a gzip body followed the loading events unreadable. */
    @Test
    void theUpstreamIsAskedForAnUncodedAnswerAsItsHeadersAreNotSent() throws Exception {
        HttpResponse<String> response = post("Accept-Encoding", "gzip, br", "X-Test-Chunks", "1", "X-Test-Pace-Ms", "1");
        assertEquals(LOADING + "data: chunk 0\n\ndata: [DONE]\n\n", response.body());
        assertEquals(List.of("identity"), upstream.next().headers().get("Accept-encoding"));
    }

    @Test
    void anUpstreamErrorEndsTheStartedResponseWithOneErrorEvent() throws Exception {
        HttpResponse<String> response = post("X-Test-Status", "503");
        assertEquals(200, response.statusCode(), "the status went out with the loading events");
        assertTrue(response.body().startsWith(LOADING + "event: error\ndata: {\"error\":"), response.body());
        assertTrue(response.body().contains("answered 503"), response.body());
        assertTrue(response.body().endsWith("}\n\n"), response.body());
    }

    @Test
    void theServersOwnErrorIsTheErrorEventsData() throws Exception {
        String own = "{\"error\":{\"code\":400,\"message\":\"the request exceeds the available context size\","
                + "\"type\":\"exceed_context_size_error\"}}";
        HttpResponse<String> response = post("X-Test-Status", "400", "X-Test-Body", own);
        assertEquals(LOADING + "event: error\ndata: " + own + "\n\n", response.body());
        Await.until("the lease is released", Duration.ofSeconds(10), () -> engine.upstreams.openLeases() == 0);
    }

    @Test
    void anErrorBodyThatIsNoErrorObjectIsQuotedInSwapdecksOwn() throws Exception {
        HttpResponse<String> response = post("X-Test-Status", "500", "X-Test-Body", "model crashed: out of memory");
        assertTrue(response.body().startsWith(LOADING + "event: error\ndata: {\"error\":"), response.body());
        assertTrue(response.body().contains("answered 500 Internal Server Error: model crashed: out of memory"),
                response.body());
        assertTrue(response.body().contains("\"code\":\"upstream_status_500\""), response.body());
    }
}
