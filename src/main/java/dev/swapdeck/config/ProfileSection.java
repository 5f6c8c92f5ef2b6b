package dev.swapdeck.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.yaml.snakeyaml.nodes.MappingNode;

/**
 * Reads {@code profiles} in both of llama-swap's shapes, entry by entry: a list is a seed-era
 * side-by-side set ({@code coding: [a, b]}, requested as {@code coding:a}); a mapping is a current
 * pin profile ({@code coding: {description, pins: {name: target}}}), switched at run time. A pin
 * target naming nothing known is a warning (llama-swap refuses the file), and that pin answers 404.
 * A pin named like a peer's {@code peer/model} is an error, as in llama-swap: it would hide that model.
 */
final class ProfileSection {

    /** Both kinds, each in file order. */
    record Profiles(Map<String, List<String>> sets, Map<String, PinProfile> pins) {
    }

    private ProfileSection() {
    }

    /**
     * @param servedByPeer  whether a peer serves a name, bare or as {@code peer/model}
     * @param peerQualified whether a name is a peer's {@code peer/model}
     */
    static Profiles read(YamlNodes.Entry profiles, ModelReferences names, Set<String> selectors,
            Predicate<String> servedByPeer, Predicate<String> peerQualified, Problems p) {
        Map<String, List<String>> sets = new LinkedHashMap<>();
        Map<String, PinProfile> pins = new LinkedHashMap<>();
        Map<String, YamlNodes.Entry> entries = YamlNodes.mapping(profiles.value(), profiles.path(),
                "a mapping of profile name to a list of model ids or to {description, pins}", p).orElse(Map.of());
        for (YamlNodes.Entry profile : entries.values()) {
            if (profile.value() instanceof MappingNode) {
                pinProfile(profile, names, selectors, servedByPeer, peerQualified, p)
                        .ifPresent(pin -> pins.put(pin.name(), pin));
            } else {
                names.seedProfile(profile).ifPresent(members -> sets.put(profile.key(), members));
            }
        }
        return new Profiles(sets, pins);
    }

    private static Optional<PinProfile> pinProfile(YamlNodes.Entry profile, ModelReferences names,
            Set<String> selectors, Predicate<String> servedByPeer, Predicate<String> peerQualified, Problems p) {
        if (profile.key().isBlank()) {
            p.error(profile.keyNode(), profile.path(), "a profile name cannot be empty");
            return Optional.empty();
        }
        String description = "";
        Map<String, Optional<String>> pins = new LinkedHashMap<>();
        Map<String, YamlNodes.Entry> keys = YamlNodes.mapping(profile.value(), profile.path(),
                "a mapping (description, pins)", p).orElse(Map.of());
        for (YamlNodes.Entry e : keys.values()) {
            switch (e.key()) {
                case "description":
                    description = YamlNodes.text(e.value(), e.path(), p).map(Located::value).orElse(description);
                    break;
                case "pins":
                    pins.putAll(pins(e, names, selectors, servedByPeer, peerQualified, p));
                    break;
                default:
                    IgnoredKeys.unknown(e, p);
            }
        }
        if (pins.isEmpty()) {
            p.warn(profile.keyNode(), profile.path(), "profile has no pins, so activating it changes nothing");
        }
        return Optional.of(new PinProfile(profile.key(), description, pins));
    }

    private static Map<String, Optional<String>> pins(YamlNodes.Entry pins, ModelReferences names,
            Set<String> selectors, Predicate<String> servedByPeer, Predicate<String> peerQualified, Problems p) {
        Map<String, Optional<String>> result = new LinkedHashMap<>();
        Map<String, YamlNodes.Entry> entries = YamlNodes.mapping(pins.value(), pins.path(),
                "a mapping of requested name to target model (or ~ to disable the name)", p).orElse(Map.of());
        for (YamlNodes.Entry pin : entries.values()) {
            if (pin.key().isBlank()) {
                p.error(pin.keyNode(), pin.path(), "a pin name cannot be empty");
                continue;
            }
            if (peerQualified.test(pin.key())) {
                p.error(pin.keyNode(), pin.path(), "\"" + pin.key() + "\" is the name of a peer's model, which this pin"
                        + " would hide while the profile is active; a pin needs another name");
                continue;
            }
            Optional<String> target = YamlNodes.text(pin.value(), pin.path(), p).map(Located::value)
                    .filter(t -> !t.isEmpty());
            if (target.isPresent() && names.resolve(target.get()).isEmpty() && !selectors.contains(target.get())
                    && !servedByPeer.test(target.get())) {
                p.warn(pin.value(), pin.path(), "unknown model or selector \"" + target.get() + "\"; while this "
                        + "profile is active, requests for \"" + pin.key() + "\" get 404");
            }
            result.put(pin.key(), target);
        }
        return result;
    }
}
