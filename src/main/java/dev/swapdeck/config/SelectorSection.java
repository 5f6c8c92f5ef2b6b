package dev.swapdeck.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads llama-swap's {@code selectors}: virtual model ids with a strategy ({@code warm}, {@code pin})
 * and ordered targets: local models, aliases or peers' models. A target naming none of them is a
 * warning (llama-swap refuses the file), and it is skipped when a request is routed.
 */
final class SelectorSection {

    private SelectorSection() {
    }

    /** The names under {@code selectors:}, for the checks that must know them before they are read. */
    static Set<String> names(YamlNodes.Entry selectors) {
        Problems quiet = new Problems("(names)");
        return YamlNodes.mapping(selectors.value(), selectors.path(), "a mapping", quiet)
                .map(Map::keySet).map(Set::copyOf).orElse(Set.of());
    }

    /**
     * A selector named like a peer's {@code peer/model} is an error (llama-swap refuses it: that model
     * could not be reached at all); one named like a peer's bare model name is a warning, as that name
     * then leads to the selector and the model only answers to {@code peer/model} (llama-swap loads it).
     */
    static Map<String, Selector> read(YamlNodes.Entry selectors, ModelReferences names, Collection<PeerConfig> peers,
            Predicate<String> servedByPeer, Problems p) {
        Map<String, Selector> result = new LinkedHashMap<>();
        Map<String, YamlNodes.Entry> entries = YamlNodes.mapping(selectors.value(), selectors.path(),
                "a mapping of selector id to {strategy, targets}", p).orElse(Map.of());
        for (YamlNodes.Entry selector : entries.values()) {
            if (selector.key().isBlank()) {
                p.error(selector.keyNode(), selector.path(), "a selector id cannot be empty");
            } else if (names.resolve(selector.key()).isPresent()) {
                p.error(selector.keyNode(), selector.path(), "\"" + selector.key() + "\" is already a model id or "
                        + "alias; a selector needs a name of its own");
            } else if (qualifiedPeerModel(selector.key(), peers).isPresent()) {
                p.error(selector.keyNode(), selector.path(), "\"" + selector.key() + "\" is the name of peer "
                        + qualifiedPeerModel(selector.key(), peers).get().id() + "'s model; a selector needs a name of "
                        + "its own");
            } else {
                peers.stream().filter(peer -> peer.models().contains(selector.key())).forEach(peer -> p.warn(
                        selector.keyNode(), selector.path(), "peer " + peer.id() + " serves a model named \""
                                + selector.key() + "\" too; that name leads to this selector, and the peer's model "
                                + "answers only to \"" + peer.qualified(selector.key()) + "\""));
                read(selector, entries.keySet(), names, servedByPeer, p).ifPresent(s -> result.put(s.id(), s));
            }
        }
        return result;
    }

    /** The peer one of whose models is called {@code name} as {@code peer/model}. */
    private static Optional<PeerConfig> qualifiedPeerModel(String name, Collection<PeerConfig> peers) {
        return peers.stream().filter(peer -> peer.models().stream().anyMatch(m -> peer.qualified(m).equals(name)))
                .findFirst();
    }

    private static Optional<Selector> read(YamlNodes.Entry selector, Set<String> selectorIds, ModelReferences names,
            Predicate<String> servedByPeer, Problems p) {
        Map<String, YamlNodes.Entry> keys = YamlNodes.mapping(selector.value(), selector.path(),
                "a mapping (strategy, targets)", p).orElse(Map.of());
        Optional<Selector.Strategy> strategy = Optional.empty();
        List<String> targets = new ArrayList<>();
        Optional<String> name = Optional.empty();
        Optional<String> description = Optional.empty();
        boolean unlisted = false;
        Map<String, Object> metadata = Map.of();
        for (YamlNodes.Entry e : keys.values()) {
            switch (e.key()) {
                case "strategy": strategy = strategy(e, p); break;
                case "targets": targets = targets(e, selectorIds, names, servedByPeer, p); break;
                case "name": name = YamlNodes.text(e.value(), e.path(), p).map(Located::value); break;
                case "description": description = YamlNodes.text(e.value(), e.path(), p).map(Located::value); break;
                case "unlisted": unlisted = YamlNodes.bool(e.value(), e.path(), p).orElse(false); break;
                case "metadata":
                    metadata = new PlainValues(Macros.of(Map.of(), Map.of()), selector.key(), Optional.empty(), p)
                            .mapping(e.value(), e.path(), "a mapping of names to values");
                    break;
                case "settings":
                    p.warn(e.keyNode(), e.path(), "not used by Swapdeck's selectors (the spillover count); ignored");
                    break;
                default: IgnoredKeys.unknown(e, p);
            }
        }
        if (!keys.containsKey("strategy")) {
            p.error(selector.keyNode(), selector.path() + ".strategy", "missing strategy: warm or pin");
        }
        if (targets.isEmpty() && !keys.containsKey("targets")) {
            p.error(selector.keyNode(), selector.path() + ".targets", "a selector needs at least one target");
        } else if (targets.isEmpty() && YamlNodes.textList(keys.get("targets").value(), "", new Problems("")).isEmpty()) {
            p.error(keys.get("targets").value(), selector.path() + ".targets", "a selector needs at least one target");
        }
        if (strategy.isEmpty() || targets.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Selector(selector.key(), strategy.get(), targets, name, description, unlisted,
                metadata));
    }

    private static Optional<Selector.Strategy> strategy(YamlNodes.Entry e, Problems p) {
        Optional<Located<String>> text = YamlNodes.text(e.value(), e.path(), p);
        switch (text.map(Located::value).orElse("")) {
            case "warm": return Optional.of(Selector.Strategy.WARM);
            case "pin": return Optional.of(Selector.Strategy.PIN);
            case "spillover":
                p.warn(e.value(), e.path(), "the spillover strategy is not supported by Swapdeck; this selector "
                        + "picks its first ready target instead (as warm does)");
                return Optional.of(Selector.Strategy.WARM);
            default:
                p.error(e.value(), e.path(), "expected warm or pin, got " + YamlNodes.describe(e.value()));
                return Optional.empty();
        }
    }

    private static List<String> targets(YamlNodes.Entry list, Set<String> selectorIds, ModelReferences names,
            Predicate<String> servedByPeer, Problems p) {
        List<String> targets = new ArrayList<>();
        for (Located<String> target : YamlNodes.textList(list.value(), list.path(), p)) {
            if (selectorIds.contains(target.value())) {
                p.error(target.node(), list.path(), "\"" + target.value() + "\" is a selector; a selector's "
                        + "targets must be models");
                continue;
            }
            if (names.resolve(target.value()).isEmpty() && !servedByPeer.test(target.value())) {
                p.warn(target.node(), list.path(), "unknown model \"" + target.value() + "\" (skipped when "
                        + "routing; llama-swap would refuse this file)");
            }
            targets.add(target.value());
        }
        return targets;
    }
}
