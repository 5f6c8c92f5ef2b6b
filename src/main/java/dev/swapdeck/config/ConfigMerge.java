package dev.swapdeck.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Merges the YAML trees of several files into one, with llama-swap's {@code -config-dir} rules:
 * keys found in one file only are kept; two mappings merge key by key; two lists are joined; two
 * scalars must be equal (a null yields to the other side). Under the maps whose keys name things
 * (models, peers, profiles, groups, ...) the same key in two files is an error, since one thing
 * would be split across files.
 */
final class ConfigMerge {
    private static final Set<String> IDENTITY_MAPS = Set.of("models", "groups", "profiles", "selectors", "peers",
            "matrix", "routing.router.settings.groups", "routing.router.settings.matrix");

    private final Problems p;

    ConfigMerge(Problems p) {
        this.p = p;
    }

    /** {@code later} merged into {@code earlier}: a new tree; conflicts are reported at {@code later}'s nodes. */
    Node merge(Node earlier, Node later, String path, String laterFile) {
        if (YamlNodes.isNull(later)) {
            return earlier;
        }
        if (YamlNodes.isNull(earlier)) {
            return later;
        }
        if (earlier instanceof MappingNode a && later instanceof MappingNode b) {
            return mappings(a, b, path, laterFile);
        }
        if (earlier instanceof SequenceNode a && later instanceof SequenceNode b) {
            List<Node> items = new ArrayList<>(a.getValue());
            items.addAll(b.getValue());
            return new SequenceNode(a.getTag(), true, items, a.getStartMark(), a.getEndMark(), a.getFlowStyle());
        }
        if (earlier instanceof ScalarNode a && later instanceof ScalarNode b) {
            if (!a.getValue().equals(b.getValue()) || !a.getTag().equals(b.getTag())) {
                p.error(b, path, laterFile + " sets a different value than " + p.where(a)
                        + " (\"" + a.getValue() + "\")");
            }
            return earlier;
        }
        p.error(later, path, laterFile + " gives a " + kind(later) + " where " + p.where(earlier)
                + " has a " + kind(earlier));
        return earlier;
    }

    private Node mappings(MappingNode a, MappingNode b, String path, String laterFile) {
        Map<String, NodeTuple> merged = new LinkedHashMap<>();
        for (NodeTuple tuple : a.getValue()) {
            merged.put(key(tuple), tuple);
        }
        boolean identity = IDENTITY_MAPS.contains(path);
        for (NodeTuple tuple : b.getValue()) {
            String key = key(tuple);
            String child = path.isEmpty() ? key : path + "." + key;
            NodeTuple existing = merged.get(key);
            if (existing == null) {
                merged.put(key, tuple);
            } else if (identity) {
                p.error(tuple.getKeyNode(), child, "\"" + key + "\" is defined again in " + laterFile
                        + " (already defined at " + p.where(existing.getKeyNode()) + "); define it in one file only");
            } else {
                merged.put(key, new NodeTuple(existing.getKeyNode(),
                        merge(existing.getValueNode(), tuple.getValueNode(), child, laterFile)));
            }
        }
        return new MappingNode(a.getTag(), true, new ArrayList<>(merged.values()), a.getStartMark(), a.getEndMark(),
                a.getFlowStyle());
    }

    private static String key(NodeTuple tuple) {
        return tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(tuple.getKeyNode());
    }

    private static String kind(Node node) {
        return node instanceof MappingNode ? "mapping" : node instanceof SequenceNode ? "list" : "value";
    }
}
