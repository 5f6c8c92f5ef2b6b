package dev.swapdeck.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swapdeck.engine.Engine;
import dev.swapdeck.routing.RoutingException;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.util.Optional;

/**
 * llama-swap's pin profile routes: {@code GET /api/profiles} lists them with the active one;
 * {@code PUT /api/profiles/active} with {@code {"name": "coding"}} (or {@code null} for none) switches.
 */
final class ProfilesApi {
    private final Engine engine;

    ProfilesApi(Engine engine) {
        this.engine = engine;
    }

    void list(HttpServerExchange exchange) {
        Json.send(exchange, RoutingJson.profiles(engine.config().routing(), engine.activePinProfile()));
    }

    void activate(HttpServerExchange exchange) {
        exchange.getRequestReceiver().receiveFullBytes(this::activate,
                (ex, e) -> BodyLimit.unreadable(ex, e, BodyCap.limit(ex), engine.logs(), null));
    }

    private void activate(HttpServerExchange exchange, byte[] body) {
        JsonNode name;
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            name = root == null || !root.isObject() ? null : root.get("name");
        } catch (IOException e) {
            ApiError.badRequest("the body is not JSON; send {\"name\": \"<profile>\"} or {\"name\": null}")
                    .send(exchange, engine.logs(), null);
            return;
        }
        if (name == null || !(name.isTextual() || name.isNull())) {
            ApiError.badRequest("send {\"name\": \"<profile>\"} to activate a profile or {\"name\": null} for none")
                    .send(exchange, engine.logs(), null);
            return;
        }
        Optional<String> profile = name.isNull() || name.asText().isEmpty() ? Optional.empty() : Optional.of(name.asText());
        try {
            engine.activatePinProfile(profile);
        } catch (RoutingException e) {
            ApiError.from(e).send(exchange, engine.logs(), null);
            return;
        }
        Json.send(exchange, Json.MAPPER.createObjectNode().put("active", engine.activePinProfile().orElse(null)));
    }
}
