package dev.swapdeck.config;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * {@code ${env.NAME}} anywhere in the file (SPEC §10): every scalar of the composed YAML tree, keys and
 * values, has its references replaced by the environment variable's value before anything else reads
 * the tree. So {@code apiKeys: ["${env.API_KEY}"]}, a macro value and a model's {@code cmd} all work.
 *
 * <p>Working on the tree rather than on the text (as llama-swap does) means comments are never
 * touched, a value can never break the YAML around it, and each error keeps its line and column.
 * A variable that is not set is an error naming it. Values are substituted once: a value that itself
 * contains {@code ${...}} stays literal text for the later macro pass to judge.
 */
final class EnvMacros {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{env\\.([^}]*)}");

    private final Map<String, String> env;
    private final Problems problems;
    private final Map<Node, Node> replaced = new IdentityHashMap<>();

    private EnvMacros(Map<String, String> env, Problems problems) {
        this.env = env;
        this.problems = problems;
    }

    /** The tree with every {@code ${env.NAME}} replaced; unset variables are reported to {@code p}. */
    static Node substitute(Node root, Map<String, String> env, Problems p) {
        return root == null ? null : new EnvMacros(env, p).visit(root, "");
    }

    /** Shared nodes (YAML anchors and aliases) are visited once and stay shared. */
    private Node visit(Node node, String path) {
        Node done = replaced.get(node);
        if (done != null) {
            return done;
        }
        replaced.put(node, node);
        Node result = node;
        if (node instanceof ScalarNode scalar) {
            result = scalar(scalar, path);
        } else if (node instanceof SequenceNode sequence) {
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                items.set(i, visit(items.get(i), path + "[" + i + "]"));
            }
        } else if (node instanceof MappingNode mapping) {
            List<NodeTuple> tuples = new ArrayList<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node key = visit(tuple.getKeyNode(), path);
                String keyText = key instanceof ScalarNode s ? s.getValue() : "?";
                tuples.add(new NodeTuple(key, visit(tuple.getValueNode(), path.isEmpty() ? keyText : path + "." + keyText)));
            }
            mapping.setValue(tuples);
        }
        replaced.put(node, result);
        return result;
    }

    private Node scalar(ScalarNode scalar, String path) {
        String text = scalar.getValue();
        if (!text.contains("${env.")) {
            return scalar;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = env.get(name);
            if (value == null) {
                problems.error(scalar, path, "environment variable " + name + " is not set (used as ${env." + name
                        + "})");
                value = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return new ScalarNode(scalar.getTag(), out.toString(), scalar.getStartMark(), scalar.getEndMark(),
                scalar.getScalarStyle());
    }
}
