package dev.swapdeck.config;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of llama-swap's {@code peers:}: a remote OpenAI-compatible server (another Swapdeck or
 * llama-swap, vLLM, a hosted API) whose listed models are forwarded to it and never swapped.
 *
 * @param id          the key under {@code peers:}
 * @param proxy       base URL; the request path is appended (so {@code https://host/api} works)
 * @param apiKey      sent as {@code Authorization: Bearer} and {@code x-api-key}, replacing the
 *                    client's own; never logged or shown
 * @param models      model names as the peer knows them
 * @param stripParams body keys removed before forwarding
 */
public record PeerConfig(String id, URI proxy, Optional<String> apiKey, List<String> models,
        Set<String> stripParams, RequestFilters filters, Timeouts timeouts) {

    public PeerConfig {
        models = List.copyOf(models);
        stripParams = Set.copyOf(stripParams);
    }

    /** The fully qualified routing name of one of its models, {@code peer/model}. */
    public String qualified(String model) {
        return id + "/" + model;
    }
}
