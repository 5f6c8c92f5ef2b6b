package dev.swapdeck.proxy;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.engine.Engine;
import dev.swapdeck.routing.Route;
import dev.swapdeck.routing.RoutingException;
import dev.swapdeck.routing.Upstreams;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.io.Receiver;
import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import io.undertow.util.ImmediatePooledByteBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The OpenAI-style POST routes (SPEC §6): reads the body once without blocking (bounded by the body
 * limit), finds the model in the JSON {@code model} field or the multipart {@code model} field,
 * applies llama-swap's request filters ({@link BodyEdits}), then forwards. Requests go to the upstream
 * under the same path and query.
 */
final class ModelRouteHandler implements HttpHandler {
    private final Engine engine;
    private final Forwarder forwarder;
    private final long maxBodyBytes;

    ModelRouteHandler(Engine engine, Forwarder forwarder, long maxBodyBytes) {
        this.engine = engine;
        this.forwarder = forwarder;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (BodyLimit.refuseEarly(exchange, engine, maxBodyBytes)) {
            return;
        }
        Receiver receiver = exchange.getRequestReceiver();
        receiver.setMaxBufferSize((int) Math.min(maxBodyBytes, Integer.MAX_VALUE));
        receiver.receiveFullBytes(this::route, this::readFailed);
    }

    private void readFailed(HttpServerExchange exchange, IOException e) {
        if (e instanceof Receiver.RequestToLargeException || e instanceof RequestTooBigException) {
            exchange.setPersistent(false);
            ApiError.tooLarge(maxBodyBytes).send(exchange, engine.logs(), null);
        } else {
            ApiError.badRequest("could not read the request body: " + e.getMessage()).send(exchange, engine.logs(), null);
        }
    }

    private void route(HttpServerExchange exchange, byte[] body) {
        String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        Optional<String> boundary = MultipartForm.boundary(contentType);
        Optional<MultipartForm.Field> field = Optional.empty();
        Optional<String> name;
        try {
            if (boundary.isPresent()) {
                field = MultipartForm.field(body, boundary.get(), "model");
                name = field.map(MultipartForm.Field::value).filter(v -> !v.isEmpty());
            } else {
                name = JsonBody.model(body);
            }
        } catch (BadBodyException e) {
            ApiError.badRequest(e.getMessage()).send(exchange, engine.logs(), null);
            return;
        }
        if (name.isEmpty()) {
            ApiError.missingModel().send(exchange, engine.logs(), null);
            return;
        }
        Upstreams upstreams = engine.upstreams();
        Route route;
        try {
            route = upstreams.resolve(name.get());
        } catch (RoutingException e) {
            ApiError.from(e).send(exchange, engine.logs(), null);
            return;
        }
        byte[] forwarded;
        try {
            forwarded = rewrite(body, name.get(), route, field);
        } catch (BadBodyException e) {
            ApiError.badRequest(e.getMessage()).send(exchange, engine.logs(), route.modelId());
            return;
        }
        replaceBody(exchange, forwarded);
        upstreams = ActivityTap.install(exchange, engine.activity(), upstreams, route);
        forwarder.forward(exchange, upstreams, route, true);
    }

    /**
     * The forwarded body: llama-swap's filters in its order (useModelName, stripParams, setParams,
     * setParamsByID of the requested name). A multipart form only gets its model renamed.
     */
    private static byte[] rewrite(byte[] body, String requested, Route route, Optional<MultipartForm.Field> field) {
        ModelConfig model = route.model();
        String asked = route.profile().map(p -> withoutProfile(requested, p)).orElse(requested);
        Optional<String> target = model.useModelName().or(() -> Optional.of(asked).filter(a -> !a.equals(requested)));
        if (field.isPresent()) {
            boolean renames = target.isPresent() && !target.get().equals(field.get().value());
            return renames ? MultipartForm.replace(body, field.get(), target.get()) : body;
        }
        return JsonBody.rewrite(body, requested, BodyEdits.of(model, asked, target));
    }

    private static String withoutProfile(String requested, String profile) {
        String prefix = profile + ":";
        return requested.startsWith(prefix) ? requested.substring(prefix.length()) : requested;
    }

    /** Puts {@code body} back as the exchange's unread request body, with a matching Content-Length. */
    private static void replaceBody(HttpServerExchange exchange, byte[] body) {
        exchange.getRequestHeaders().remove(Headers.TRANSFER_ENCODING);
        // the body has been received already: the upstream must not be asked to invite it
        exchange.getRequestHeaders().remove(Headers.EXPECT);
        exchange.getRequestHeaders().put(Headers.CONTENT_LENGTH, body.length);
        if (body.length > 0) {
            PooledByteBuffer buffer = new ImmediatePooledByteBuffer(ByteBuffer.wrap(body));
            Connectors.ungetRequestBytes(exchange, buffer);
            Connectors.resetRequestChannel(exchange);
        }
    }
}
