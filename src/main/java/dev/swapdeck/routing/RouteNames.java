package dev.swapdeck.routing;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.routing.RoutingException.Kind;
import java.util.List;
import java.util.Optional;

/**
 * What a requested name means in one configuration: a model id, an alias, or {@code profile:model}.
 * An exact model or alias match wins over the profile reading, so ids that contain a colon (as
 * Ollama-style names do) keep working.
 */
final class RouteNames {
    private final SwapdeckConfig config;

    RouteNames(SwapdeckConfig config) {
        this.config = config;
    }

    Route resolve(String requested) {
        if (requested == null || requested.isBlank()) {
            throw new RoutingException(Kind.UNKNOWN_MODEL, "the request names no model");
        }
        Optional<ModelConfig> direct = config.model(requested);
        if (direct.isPresent()) {
            return new Route(requested, direct.get(), Optional.empty());
        }
        int colon = requested.indexOf(':');
        if (colon > 0 && config.profiles().containsKey(requested.substring(0, colon))) {
            String profile = requested.substring(0, colon);
            String name = requested.substring(colon + 1);
            List<String> members = config.profiles().get(profile);
            Optional<ModelConfig> model = config.model(name).filter(m -> members.contains(m.id()));
            return model.map(m -> new Route(requested, m, Optional.of(profile)))
                    .orElseThrow(() -> new RoutingException(Kind.UNKNOWN_MODEL, "profile '" + profile
                            + "' has no model '" + name + "'; its members are " + members));
        }
        throw new RoutingException(Kind.UNKNOWN_MODEL, "no model, alias or profile named '" + requested
                + "'; GET /v1/models lists the models (configured: " + String.join(", ", config.models().keySet()) + ")");
    }
}
