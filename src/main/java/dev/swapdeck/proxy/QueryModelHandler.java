package dev.swapdeck.proxy;

import dev.swapdeck.engine.Engine;
import dev.swapdeck.routing.Route;
import dev.swapdeck.routing.Upstreams;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * llama-swap's model-routed GET routes ({@link #ROUTES}): the model is named by the {@code model}
 * query parameter, as in {@code GET /props?model=qwen}; the request goes to that model's upstream
 * under the same path, with {@code model} renamed where the route renames it (an alias's
 * {@code useModelName}, a pin's target) and the rest of the query as it came.
 */
final class QueryModelHandler implements HttpHandler {
    static final List<String> ROUTES = List.of("/props", "/v1/audio/voices", "/sdapi/v1/loras");
    private static final String MODEL = "model";

    private final Engine engine;
    private final Forwarder forwarder;

    QueryModelHandler(Engine engine, Forwarder forwarder) {
        this.engine = engine;
        this.forwarder = forwarder;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        Deque<String> values = exchange.getQueryParameters().get(MODEL);
        String name = values == null || values.isEmpty() ? "" : formValue(values.getFirst()).trim();
        Upstreams upstreams = engine.upstreams();
        Optional<Route> found = NamedRoute.of(exchange, engine, upstreams, name,
                ApiError.missingModel("add ?model=<name> to the URL"));
        if (found.isEmpty()) {
            return;
        }
        Route route = found.get();
        route.upstreamName().ifPresent(target -> exchange.setQueryString(renamed(exchange.getQueryString(), target)));
        forwarder.forward(exchange, ActivityTap.install(exchange, engine.activity(), upstreams, route), route, false);
    }

    /** A query value as the client meant it: its bytes as UTF-8, percent-escapes decoded, {@code +} a space. */
    static String formValue(String raw) {
        String text = RequestBytes.asUtf8(raw);
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEscapedWell) {
            return text; // a stray %: the text as it came
        }
    }

    /** A raw query (or URL-encoded form) with every {@code model} set to {@code target}, the rest as it was. */
    static String renamed(String query, String target) {
        StringJoiner out = new StringJoiner("&");
        for (String pair : query.split("&", -1)) {
            int equals = pair.indexOf('=');
            String key = formValue(equals < 0 ? pair : pair.substring(0, equals));
            out.add(key.equals(MODEL) ? MODEL + "=" + URLEncoder.encode(target, StandardCharsets.UTF_8) : pair);
        }
        return out.toString();
    }
}
