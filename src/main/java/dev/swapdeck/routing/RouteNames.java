package dev.swapdeck.routing;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.config.PeerModels;
import dev.swapdeck.config.PinProfile;
import dev.swapdeck.config.Selector;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.logging.OneLine;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.routing.RoutingException.Kind;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What a requested name means in one configuration, in llama-swap's order: the active pin profile's
 * pins first, then selectors, then an exact model id or alias (ids with colons, such as
 * {@code gpt-oss:high}, included), and only then the seed-era {@code profile:model} reading.
 * A pure function of the configuration, the active pin profile and the models' states.
 */
final class RouteNames {
    private final SwapdeckConfig config;

    RouteNames(SwapdeckConfig config) {
        this.config = config;
    }

    /**
     * @param pins     the active pin profile, if any
     * @param stateOf  each model's process state, for {@code warm} selectors
     */
    Route resolve(String requested, Optional<PinProfile> pins, Function<String, ProcessState> stateOf) {
        if (requested == null || requested.isBlank()) {
            throw new RoutingException(Kind.UNKNOWN_MODEL, "the request names no model");
        }
        String name = requested;
        if (pins.isPresent() && pins.get().pins().containsKey(requested)) {
            Optional<String> target = pins.get().pins().get(requested);
            name = target.orElseThrow(() -> new RoutingException(Kind.UNKNOWN_MODEL, "'" + requested
                    + "' is disabled while profile '" + pins.get().name() + "' is active; switch profiles with "
                    + "PUT /api/profiles/active"));
        }
        Selector selector = config.routing().selectors().get(name);
        if (selector != null) {
            name = choose(selector, stateOf);
        }
        return byName(requested, name);
    }

    /** What a command names: an id, alias or {@code profile:model} as written, no pin or selector applied. */
    Route named(String requested) {
        if (requested == null || requested.isBlank()) {
            throw new RoutingException(Kind.UNKNOWN_MODEL, "no model named");
        }
        Selector selector = config.routing().selectors().get(requested);
        if (selector != null && config.model(requested).isEmpty()) {
            // llama-swap's load and unload take models too; GET /models lists selectors beside them
            throw new RoutingException(Kind.UNKNOWN_MODEL, "'" + requested + "' is a selector, not a model: it "
                    + "sends each request to one of " + String.join(", ", selector.targets())
                    + "; load or unload one of those by its own name");
        }
        return byName(requested, requested);
    }

    /** {@code name} ({@code requested} after pins and selectors) as a model id or alias, else {@code profile:model}. */
    private Route byName(String requested, String name) {
        boolean rewritten = !name.equals(requested);
        Optional<ModelConfig> direct = rewritten ? lookup(name) : config.model(name);
        if (direct.isPresent()) {
            return new Route(requested, direct.get(), Optional.empty(), name);
        }
        int colon = name.indexOf(':');
        if (colon > 0 && config.profiles().containsKey(name.substring(0, colon))) {
            return inProfile(requested, name.substring(0, colon), name.substring(colon + 1));
        }
        String via = rewritten ? " (" + OneLine.quotedName(requested) + " leads to " + OneLine.quotedName(name) + ")" : "";
        throw new RoutingException(Kind.UNKNOWN_MODEL, "no model, alias or profile named " + OneLine.quotedName(name) + via
                + "; GET /v1/models lists the models (configured: " + listed() + ")");
    }

    /** The model ids a 404 may name, peers' models ({@code peer/model}) after the local ones; never an unlisted one. */
    private String listed() {
        return String.join(", ", Stream.concat(
                config.models().values().stream().filter(m -> !m.unlisted()).map(ModelConfig::id),
                PeerModels.of(config).stream().map(ModelConfig::id)).toList());
    }

    /** A local model (id or alias), else a peer's model: where a pin or selector target may lead. */
    private Optional<ModelConfig> lookup(String name) {
        return config.model(name).or(() -> PeerModels.resolve(config, name));
    }

    private Route inProfile(String requested, String profile, String name) {
        List<String> members = config.profiles().get(profile);
        Optional<ModelConfig> model = config.model(name).filter(m -> members.contains(m.id()));
        return model.map(m -> new Route(requested, m, Optional.of(profile), name))
                .orElseThrow(() -> new RoutingException(Kind.UNKNOWN_MODEL, "profile '" + profile
                        + "' has no model " + OneLine.quotedName(name) + "; its members are " + members));
    }

    /**
     * A selector's target: {@code pin} the first known one; {@code warm} the first ready local model,
     * else the first starting one, else the first known one. Targets naming nothing known are skipped.
     */
    private String choose(Selector selector, Function<String, ProcessState> stateOf) {
        List<String> known = selector.targets().stream().filter(t -> lookup(t).isPresent()).toList();
        if (known.isEmpty()) {
            throw new RoutingException(Kind.UNKNOWN_MODEL, "selector '" + selector.id() + "' has no target that "
                    + "names a model here (targets: " + selector.targets() + ")");
        }
        if (selector.strategy() == Selector.Strategy.WARM) {
            for (ProcessState wanted : List.of(ProcessState.READY, ProcessState.STARTING)) {
                for (String target : known) {
                    Optional<ModelConfig> local = config.model(target);
                    if (local.isPresent() && stateOf.apply(local.get().id()) == wanted) {
                        return target;
                    }
                }
            }
        }
        return known.get(0);
    }
}
