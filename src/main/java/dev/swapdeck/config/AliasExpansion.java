package dev.swapdeck.config;

import java.util.ArrayDeque;
import java.util.Deque;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * How large a composed YAML tree is once every alias stands for its anchor's whole subtree, as the
 * configuration is read. SnakeYAML's own guard counts aliases (50 at most by default), which refuses
 * ordinary llama-swap files that give each of many models {@code <<: *defaults} (Go's yaml.v3 limits the
 * expansion instead); this counts what the aliases expand to, so nested aliases that multiply (a
 * "billion laughs") or refer to themselves are refused before anything walks them.
 */
final class AliasExpansion {
    /** Far beyond any configuration (a model is a few dozen nodes), far below a stalled load. */
    static final int MAX_NODES = 1_000_000;

    private AliasExpansion() {
    }

    /** Whether {@code root}, aliases expanded, has more than {@code limit} nodes; stops counting there. */
    static boolean exceeds(Node root, int limit) {
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(root);
        for (int counted = 1; !pending.isEmpty(); counted++) {
            if (counted > limit) {
                return true;
            }
            Node node = pending.pop();
            if (node instanceof MappingNode) {
                for (NodeTuple entry : ((MappingNode) node).getValue()) {
                    pending.push(entry.getKeyNode());
                    pending.push(entry.getValueNode());
                }
            } else if (node instanceof SequenceNode) {
                ((SequenceNode) node).getValue().forEach(pending::push);
            }
        }
        return false;
    }
}
