package dev.swapdeck.config;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Consumer;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Walks a composed YAML tree. */
final class YamlTrees {

    private YamlTrees() {
    }

    /** Visits {@code root} and every node under it, keys included, each once (aliases repeat nodes). */
    static void forEach(Node root, Consumer<Node> visit) {
        forEach(root, visit, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void forEach(Node node, Consumer<Node> visit, Set<Node> seen) {
        if (node == null || !seen.add(node)) {
            return;
        }
        visit.accept(node);
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                forEach(tuple.getKeyNode(), visit, seen);
                forEach(tuple.getValueNode(), visit, seen);
            }
        } else if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(item -> forEach(item, visit, seen));
        }
    }
}
