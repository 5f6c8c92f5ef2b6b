package dev.swapdeck.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A model's settings from current llama-swap (SPEC §10), grouped so the model record grows by one
 * component.
 *
 * @param filters       {@code setParams} and {@code setParamsByID}
 * @param metadata      shown under {@code meta.llamaswap} in {@code /v1/models}; macros substituted,
 *                      a value that is exactly one macro keeps the macro's type
 * @param capabilities  shown in {@code /v1/models}
 * @param unloadTimeout how long a stopped server may take to exit before it is killed
 * @param timeouts      for connections to the server
 * @param peer          the peer this model is served by, for a model of {@code peers:}; empty for a
 *                      local model. Remote models are never started or stopped
 */
public record ModelExtras(RequestFilters filters, Map<String, Object> metadata, Capabilities capabilities,
        Duration unloadTimeout, Timeouts timeouts, Optional<String> peer) {

    /** The seed's grace; llama-swap now uses 10 s (SPEC §10). */
    public static final Duration DEFAULT_UNLOAD_TIMEOUT = Duration.ofSeconds(5);

    public static final ModelExtras DEFAULTS = new ModelExtras(RequestFilters.NONE, Map.of(), Capabilities.NONE,
            DEFAULT_UNLOAD_TIMEOUT, Timeouts.MODEL_DEFAULTS, Optional.empty());

    public ModelExtras {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    public boolean isRemote() {
        return peer.isPresent();
    }
}
