package dev.swapdeck.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads llama-swap groups ({@code groups:} or {@code routing.router.settings.groups}). As in
 * llama-swap, {@code swap} and {@code exclusive} default to true and {@code persistent} to false, and
 * a model may belong to one group only. A member naming no model is a warning (llama-swap refuses the
 * file; Swapdeck skips the member so llama-swap's own example loads).
 */
final class GroupSection {

    private GroupSection() {
    }

    static List<GroupRule> read(YamlNodes.Entry groups, ModelReferences names, Problems p) {
        List<GroupRule> result = new ArrayList<>();
        Map<String, String> groupOfModel = new HashMap<>();
        Map<String, YamlNodes.Entry> entries = YamlNodes.mapping(groups.value(), groups.path(),
                "a mapping of group name to {swap, exclusive, persistent, members}", p).orElse(Map.of());
        for (YamlNodes.Entry group : entries.values()) {
            if (group.key().equals(GroupRule.DEFAULT_NAME)) {
                // llama-swap replaces it with the group it makes of the ungrouped models, without a word
                p.warn(group.keyNode(), group.path(), "\"" + GroupRule.DEFAULT_NAME + "\" is the name of the group of"
                        + " ungrouped models, which takes no settings; ignored, as llama-swap ignores it (to set"
                        + " swap or exclusive, name the group otherwise)");
                continue;
            }
            readGroup(group, names, groupOfModel, p).ifPresent(result::add);
        }
        return result;
    }

    private static Optional<GroupRule> readGroup(YamlNodes.Entry group, ModelReferences names,
            Map<String, String> groupOfModel, Problems p) {
        Optional<Map<String, YamlNodes.Entry>> mapping = YamlNodes.mapping(group.value(), group.path(),
                "a mapping (swap, exclusive, persistent, members)", p);
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        boolean swap = true;
        boolean exclusive = true;
        boolean persistent = false;
        Set<String> members = new LinkedHashSet<>();
        for (YamlNodes.Entry e : mapping.get().values()) {
            switch (e.key()) {
                case "swap": swap = YamlNodes.bool(e.value(), e.path(), p).orElse(swap); break;
                case "exclusive": exclusive = YamlNodes.bool(e.value(), e.path(), p).orElse(exclusive); break;
                case "persistent": persistent = YamlNodes.bool(e.value(), e.path(), p).orElse(persistent); break;
                case "members": members.addAll(members(group.key(), e, names, groupOfModel, p)); break;
                default: IgnoredKeys.unknown(e, p);
            }
        }
        if (members.isEmpty()) {
            p.warn(group.keyNode(), group.path(), "group has no models");
        }
        return Optional.of(new GroupRule(group.key(), swap, exclusive, persistent, List.copyOf(members)));
    }

    private static List<String> members(String group, YamlNodes.Entry list, ModelReferences names,
            Map<String, String> groupOfModel, Problems p) {
        List<String> members = new ArrayList<>();
        for (Located<String> name : YamlNodes.textList(list.value(), list.path(), p)) {
            Optional<String> id = names.resolve(name.value());
            if (id.isEmpty()) {
                // llama-swap before its routing backend of May 2026 made such a member a process without a
                // command; since, its router does not start ("no model config for ...")
                p.warn(name.node(), list.path(), "unknown model \"" + name.value() + "\" (skipped; llama-swap since "
                        + "May 2026 does not start with it)");
            } else if (members.contains(id.get())) {
                p.warn(name.node(), list.path(), "model \"" + name.value() + "\" is listed twice");
            } else if (groupOfModel.containsKey(id.get())) {
                p.error(name.node(), list.path(), "model \"" + name.value() + "\" is already a member of group \""
                        + groupOfModel.get(id.get()) + "\"; a model belongs to one group only");
            } else {
                groupOfModel.put(id.get(), group);
                members.add(id.get());
            }
        }
        return members;
    }
}
