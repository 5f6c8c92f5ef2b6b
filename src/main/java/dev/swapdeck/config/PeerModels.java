package dev.swapdeck.config;

import dev.swapdeck.memory.ModelMemory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models of {@code peers:} as {@link ModelConfig}s, so the proxy forwards to them like to any
 * model: the id is {@code peer/model}, {@code proxy} the peer's URL, {@code useModelName} the peer's
 * own name for it, the peer's filters and timeouts, and {@link ModelExtras#peer()} set. They have no
 * command: they are never started, stopped or swapped.
 */
public final class PeerModels {
    /** A peer may serve many requests at once; this only sizes the connection pool. */
    private static final int CONCURRENCY = 64;

    private PeerModels() {
    }

    /** Every peer model, in file order. */
    public static List<ModelConfig> of(SwapdeckConfig config) {
        List<ModelConfig> models = new ArrayList<>();
        config.extras().peers().values().forEach(peer -> peer.models().forEach(m -> models.add(model(peer, m))));
        return models;
    }

    /**
     * The peer model a name means: an exact {@code peer/model}, else a bare model name that exactly
     * one peer serves (as llama-swap resolves them). Local models are looked up before this.
     */
    public static Optional<ModelConfig> resolve(SwapdeckConfig config, String name) {
        Map<String, List<ModelConfig>> bare = new HashMap<>();
        for (PeerConfig peer : config.extras().peers().values()) {
            for (String model : peer.models()) {
                if (peer.qualified(model).equals(name)) {
                    return Optional.of(model(peer, model));
                }
                if (model.equals(name)) {
                    bare.computeIfAbsent(model, k -> new ArrayList<>()).add(model(peer, model));
                }
            }
        }
        List<ModelConfig> candidates = bare.getOrDefault(name, List.of());
        return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
    }

    static ModelConfig model(PeerConfig peer, String model) {
        ModelExtras extras = new ModelExtras(peer.filters(), Map.of(), Capabilities.NONE, ModelExtras.DEFAULT_UNLOAD_TIMEOUT,
                peer.timeouts(), Optional.of(peer.id()));
        return new ModelConfig(peer.qualified(model), Optional.of(peer.id() + ": " + model), Optional.empty(), List.of(),
                List.of(), peer.proxy(), List.of(), Map.of(), Optional.empty(), Duration.ZERO, false,
                Optional.of(model), CONCURRENCY, peer.stripParams(), Optional.empty(), extras, ClientFeedback.NONE,
                ModelMemory.NONE);
    }
}
