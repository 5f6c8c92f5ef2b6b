package dev.swapdeck.config;

import dev.swapdeck.memory.ModelMemory;
import java.time.Duration;
import java.util.ArrayList;
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
        for (PeerConfig peer : config.extras().peers().values()) {
            for (String model : peer.models()) {
                if (peer.qualified(model).equals(name)) {
                    return Optional.of(model(peer, model));
                }
            }
        }
        List<String> serving = servingBare(config, name);
        return serving.size() == 1 ? Optional.of(model(config.extras().peers().get(serving.get(0)), name)) : Optional.empty();
    }

    /** The peers (by id, in file order) that serve a model named {@code name}: more than one leaves the bare name unresolved. */
    public static List<String> servingBare(SwapdeckConfig config, String name) {
        List<String> peers = new ArrayList<>();
        config.extras().peers().values().stream().filter(p -> p.models().contains(name)).forEach(p -> peers.add(p.id()));
        return peers;
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
