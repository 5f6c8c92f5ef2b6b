package dev.swapdeck.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A llama-swap selector: a virtual model id that names a real model per request.
 *
 * @param strategy how a target is chosen
 * @param targets  model ids, aliases or peers' models, in file order
 * @param unlisted left out of {@code /v1/models}, still routable
 * @param metadata listed under {@code meta.llamaswap} in {@code /v1/models}, types kept
 */
public record Selector(String id, Strategy strategy, List<String> targets, Optional<String> name,
        Optional<String> description, boolean unlisted, Map<String, Object> metadata) {

    public enum Strategy {
        /** The first ready target, else the first starting one, else the first target. */
        WARM,
        /** Always the first target. */
        PIN
    }

    public Selector {
        targets = List.copyOf(targets);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
