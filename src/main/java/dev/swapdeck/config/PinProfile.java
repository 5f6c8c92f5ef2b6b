package dev.swapdeck.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A current llama-swap profile: while it is active, a request naming a pin is routed to the pin's
 * target (a model id, alias or selector). An empty target disables that name while the profile is active.
 *
 * @param pins pin name to target, in file order; an empty value disables the name
 */
public record PinProfile(String name, String description, Map<String, Optional<String>> pins) {

    public PinProfile {
        pins = Collections.unmodifiableMap(new LinkedHashMap<>(pins));
    }
}
