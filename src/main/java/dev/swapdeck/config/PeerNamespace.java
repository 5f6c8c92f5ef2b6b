package dev.swapdeck.config;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every peer's model answers to one fully qualified name, {@code peer/model}, as in llama-swap
 * ({@code ValidatePeerNamespace}): two peers whose names join to the same one ({@code q} serving
 * {@code r/s} and {@code q/r} serving {@code s}), or a local model id or alias spelled like one, make
 * a peer's model unreachable or send its requests elsewhere, so the file is refused naming both.
 */
final class PeerNamespace {

    private PeerNamespace() {
    }

    /** @param aliases alias to model id, of the local models */
    static void check(YamlNodes.Entry peersEntry, Map<String, PeerConfig> peers, Set<String> ids,
                      Map<String, String> aliases, Problems p) {
        if (peers.isEmpty()) {
            return;
        }
        Map<String, YamlNodes.Entry> entries = YamlNodes.mapping(peersEntry.value(), peersEntry.path(), "", p)
                .orElse(Map.of());
        Map<String, String> owner = new HashMap<>();
        for (PeerConfig peer : new TreeMap<>(peers).values()) {
            YamlNodes.Entry at = entries.getOrDefault(peer.id(), peersEntry);
            for (String model : new LinkedHashSet<>(peer.models())) {
                String name = peer.qualified(model);
                String earlier = owner.putIfAbsent(name, "peers." + peer.id() + " model '" + model + "'");
                if (earlier != null) {
                    p.error(at.keyNode(), at.path(), "peer model name '" + name + "' is ambiguous between "
                            + earlier + " and peers." + peer.id() + " model '" + model + "'; rename a peer");
                } else if (ids.contains(name)) {
                    p.error(at.keyNode(), at.path(), "model id '" + name + "' is also the name of peers." + peer.id()
                            + "'s model '" + model + "', which it would hide; rename the model");
                } else if (aliases.containsKey(name)) {
                    p.error(at.keyNode(), at.path(), "model " + aliases.get(name) + "'s alias '" + name
                            + "' is also the name of peers." + peer.id() + "'s model '" + model
                            + "', which it would hide; rename the alias");
                }
            }
        }
    }
}
