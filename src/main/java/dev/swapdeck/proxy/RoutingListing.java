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
 * ({@code meta.llamaswap: {type: selector, strategy, targets}}) and, while a pin profile is active,
 * each of its pins that leads somewhere and is not a model's id or alias ({@code type: profile}; a pin
 * of that name only redirects a name the list already has).
 */
final class RoutingListing {
    private RoutingListing() {
    }

    static List<ObjectNode> entries(SwapdeckConfig config, long created, Optional<String> activePins) {
        List<ObjectNode> entries = new ArrayList<>();
        for (Selector selector : config.routing().selectors().values()) {
            if (selector.unlisted()) {
                continue;
            }
            ObjectNode entry = entry(selector.id(), created);
            selector.name().ifPresent(n -> entry.put("name", n));
            selector.description().ifPresent(d -> entry.put("description", d));
            ObjectNode meta = entry.putObject("meta").putObject("llamaswap")
                    .put("type", "selector").put("strategy", selector.strategy().name().toLowerCase(Locale.ROOT));
            selector.targets().forEach(meta.putArray("targets")::add);
            entries.add(entry);
        }
        Set<String> modelNames = new HashSet<>(config.models().keySet());
        config.models().values().forEach(model -> modelNames.addAll(model.aliases()));
        Optional<PinProfile> active = activePins.map(config.routing().pinProfiles()::get);
        active.ifPresent(profile -> profile.pins().forEach((pin, target) -> {
            if (target.isPresent() && !modelNames.contains(pin)) {
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
