package dev.swapdeck.proxy;

import static dev.swapdeck.proxy.ProxyTestModels.model;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.swapdeck.config.ClientFeedback;
import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.routing.Route;
import io.undertow.server.HttpServerExchange;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which streams get loading messages: a streamed chat to a model with {@code sendLoadingState}, unless
 * the model is served over https, whose answer (through Undertow's ProxyHandler) brings a head of its
 * own that cannot follow a response already started.
 */
class LoadingStreamInstallTest {
    @Test
    void aModelServedOverHttpsGetsNoLoadingMessages() throws Exception {
        ModelConfig plain = loading(model("plain", URI.create("http://127.0.0.1:1")));
        ModelConfig tls = loading(model("tls", URI.create("https://127.0.0.1:1")));
        FakeEngine engine = new FakeEngine(ProxyTestModels.config(Map.of(), plain, tls));
        HttpServerExchange exchange = new HttpServerExchange(null);
        exchange.setRequestPath("/v1/chat/completions");

        Route http = engine.upstreams.resolve("plain");
        assertNotSame(engine.upstreams, LoadingStream.install(exchange, engine, engine.upstreams, http, true));
        Route https = engine.upstreams.resolve("tls");
        assertSame(engine.upstreams, LoadingStream.install(exchange, engine, engine.upstreams, https, true));
    }

    private static ModelConfig loading(ModelConfig m) {
        return new ModelConfig(m.id(), m.name(), m.description(), m.cmd(), m.cmdStop(), m.proxy(), m.aliases(),
                m.env(), m.checkEndpoint(), m.ttl(), m.unlisted(), m.useModelName(), m.concurrencyLimit(),
                m.stripParams(), m.port(), m.extras(), new ClientFeedback(true), m.memory());
    }
}
