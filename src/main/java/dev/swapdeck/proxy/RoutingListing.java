package dev.swapdeck.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swapdeck.config.PinProfile;
import dev.swapdeck.config.Selector;
import dev.swapdeck.config.SwapdeckConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code /v1/models} entries llama-swap adds for its routing names: every listed selector
 * ({@code meta.llamaswap}: its metadata and {@code type: selector, strategy, targets}) and, while a pin
 * profile is active, each of its pins that leads somewhere and is not already a name of its own
 * ({@code type: profile}). A pin named like a model, alias, peer's model or selector, listed or not,
 * only redirects that name, so it is not listed twice.
 */
final class RoutingListing {
    private RoutingListing() {
    }

    /** @param names every name the list's other entries answer to, listed or not */
    static List<ObjectNode> entries(SwapdeckConfig config, long created, Optional<String> activePins, Set<String> names) {
        List<ObjectNode> entries = new ArrayList<>();
        for (Selector selector : config.routing().selectors().values()) {
            if (selector.unlisted()) {
                continue;
            }
            ObjectNode entry = entry(selector.id(), created);
            selector.name().map(String::strip).filter(n -> !n.isEmpty()).ifPresent(n -> entry.put("name", n));
            selector.description().map(String::strip).filter(d -> !d.isEmpty()).ifPresent(d -> entry.put("description", d));
            ObjectNode meta = entry.putObject("meta").putObject("llamaswap");
            selector.metadata().forEach((key, value) -> meta.set(key, Json.MAPPER.valueToTree(value)));
            meta.put("type", "selector").put("strategy", selector.strategy().name().toLowerCase(Locale.ROOT));
            selector.targets().forEach(meta.putArray("targets")::add);
            entries.add(entry);
        }
        Set<String> shadowed = new HashSet<>(names);
        shadowed.addAll(config.routing().selectors().keySet());
        Optional<PinProfile> active = activePins.map(config.routing().pinProfiles()::get);
        active.ifPresent(profile -> profile.pins().forEach((pin, target) -> {
            if (target.isPresent() && !shadowed.contains(pin)) {
                ObjectNode entry = entry(pin, created);
                entry.putObject("meta").putObject("llamaswap").put("type", "profile");
                entries.add(entry);
            }
        }));
        return entries;
    }

    private static ObjectNode entry(String id, long created) {
        return Json.MAPPER.createObjectNode().put("id", id).put("object", "model").put("created", created)
                .put("owned_by", "swapdeck");
    }
}
