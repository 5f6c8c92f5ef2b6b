package dev.swapdeck.proxy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swapdeck.config.GroupRule;
import dev.swapdeck.config.MatrixRules;
import dev.swapdeck.config.PinProfile;
import dev.swapdeck.config.RoutingRules;
import dev.swapdeck.config.Selector;
import dev.swapdeck.routing.ModelRouting;
import java.util.Locale;
import java.util.Optional;

/**
 * The JSON shapes of the routing rules: in {@code /api/models} (what the window shows) and in
 * llama-swap's {@code GET /api/profiles}. Kept in one place so the wire format is a visible contract.
 */
final class RoutingJson {
    private RoutingJson() {
    }

    /** {@code /api/models}' {@code routing}: the rules in force, as configured. */
    static ObjectNode rules(RoutingRules rules, Optional<String> activePins) {
        ObjectNode node = Json.MAPPER.createObjectNode()
                .put("router", rules.router())
                .put("maxQueueWait", rules.maxQueueWait().toSeconds());
        ArrayNode groups = node.putArray("groups");
        rules.groups().forEach(g -> groups.add(group(g)));
        if (rules.matrix().isPresent()) {
            MatrixRules matrix = rules.matrix().get();
            ObjectNode matrixNode = node.putObject("matrix");
            ArrayNode sets = matrixNode.putArray("sets");
            matrix.sets().forEach(s -> sets.addObject().put("name", s.name()).put("expression", s.expression()));
            ObjectNode costs = matrixNode.putObject("evictCosts");
            matrix.evictCosts().forEach(costs::put);
        } else {
            node.putNull("matrix");
        }
        ArrayNode selectors = node.putArray("selectors");
        for (Selector selector : rules.selectors().values()) {
            ObjectNode s = selectors.addObject().put("id", selector.id())
                    .put("strategy", selector.strategy().name().toLowerCase(Locale.ROOT));
            ArrayNode targets = s.putArray("targets");
            selector.targets().forEach(targets::add);
        }
        node.set("pins", profiles(rules, activePins));
        return node;
    }

    /** A model's place in the rules, for its entry in {@code /api/models}. */
    static ObjectNode model(ModelRouting routing) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        if (routing.group().isPresent()) {
            node.set("group", group(routing.group().get()));
        } else {
            node.putNull("group");
        }
        ArrayNode sets = node.putArray("matrixSets");
        routing.matrixSets().forEach(sets::add);
        ArrayNode pins = node.putArray("pins");
        routing.pins().forEach(pins::add);
        ArrayNode selectors = node.putArray("selectors");
        routing.selectors().forEach(selectors::add);
        node.put("priority", routing.priority());
        return node;
    }

    /** llama-swap's {@code GET /api/profiles}: {@code {active, profiles: [{id, description, pins}]}} by id. */
    static ObjectNode profiles(RoutingRules rules, Optional<String> active) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("active", active.orElse(null));
        ArrayNode list = root.putArray("profiles");
        rules.pinProfiles().values().stream().sorted((a, b) -> a.name().compareTo(b.name()))
                .forEach(p -> list.add(profile(p)));
        return root;
    }

    private static ObjectNode profile(PinProfile profile) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("id", profile.name())
                .put("description", profile.description());
        ObjectNode pins = node.putObject("pins");
        profile.pins().forEach((pin, target) -> pins.put(pin, target.orElse("")));
        return node;
    }

    private static ObjectNode group(GroupRule group) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("name", group.name()).put("swap", group.swap())
                .put("exclusive", group.exclusive()).put("persistent", group.persistent());
        ArrayNode members = node.putArray("members");
        group.members().forEach(members::add);
        return node;
    }
}
