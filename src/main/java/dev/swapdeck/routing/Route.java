package dev.swapdeck.routing;

import dev.swapdeck.config.ModelConfig;
import java.util.Optional;

/**
 * Where a requested name leads: the model (after alias resolution) and, for {@code profile:model},
 * the profile that becomes the running set.
 */
public record Route(String requested, ModelConfig model, Optional<String> profile) {

    public String modelId() {
        return model.id();
    }
}
