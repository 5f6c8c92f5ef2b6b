package dev.swapdeck.routing;

import dev.swapdeck.config.ModelConfig;
import java.util.Optional;

/**
 * Where a requested name leads: the model (after pins, selectors and aliases) and, for
 * {@code profile:model}, the list profile that becomes the running set.
 *
 * @param forwardAs the name the upstream should see in the body's {@code model} (unless the model sets
 *                  {@code useModelName}): the requested name, without its {@code profile:} prefix, or
 *                  the pin or selector target it was rewritten to, as llama-swap rewrites it
 */
public record Route(String requested, ModelConfig model, Optional<String> profile, String forwardAs) {

    /** A route whose forwarded name is the requested one without a {@code profile:} prefix. */
    public Route(String requested, ModelConfig model, Optional<String> profile) {
        this(requested, model, profile, profile.map(p -> requested.startsWith(p + ":")
                ? requested.substring(p.length() + 1) : requested).orElse(requested));
    }

    public String modelId() {
        return model.id();
    }

    /** Whether the forwarded body must carry another name than the client sent. */
    public boolean renames() {
        return !forwardAs.equals(requested);
    }

    /**
     * The name the upstream must see instead of the requested one, if another: the model's
     * {@code useModelName}, else {@link #forwardAs} where it differs.
     */
    public Optional<String> upstreamName() {
        return model.useModelName().or(() -> Optional.of(forwardAs).filter(name -> renames()));
    }
}
