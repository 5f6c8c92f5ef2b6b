package dev.swapdeck.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Macros substituted in every value of a part of the file, as llama-swap does: the file's macros in
 * every top-level setting Swapdeck reads ({@code apiKeys}, {@code startPort}, {@code hooks}, ...),
 * and a model's macros (its own over the file's) in every value of that model. Mapping keys are not
 * substituted ({@code setParamsByID} keys are, where they are read). A value that is exactly one macro
 * takes the YAML type the macro was written with, so {@code ttl: "${MODEL_TTL}"} is the number
 * {@code MODEL_TTL} is; typed readers then accept it.
 *
 * <p>The tree is copied, never changed: a YAML anchor shared by two models sees each model's own
 * macros. {@code ${PORT}} and {@code ${PID}} stay in model values for the port allocation and the
 * process layer. Undefined macros are reported once, here; the value is then left as written.
 */
final class MacroPass {
    private final Macros macros;
    private final MacroTypes types;
    private final Optional<String> modelId;
    private final Problems p;
    /** Nodes being copied: a recursive YAML alias is left as it is instead of recursing forever. */
    private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());

    private MacroPass(Macros macros, MacroTypes types, Optional<String> modelId, Problems p) {
        this.macros = macros;
        this.types = types;
        this.modelId = modelId;
        this.p = p;
    }

    /** A top-level setting's value with the file's macros substituted. */
    static YamlNodes.Entry topLevel(YamlNodes.Entry e, Macros macros, MacroTypes types, Problems p) {
        return new YamlNodes.Entry(e.key(), e.path(), e.keyNode(),
                new MacroPass(macros, types, Optional.empty(), p).visit(e.value(), e.path()));
    }

    /** One of a model's values with that model's macros (and {@code ${MODEL_ID}}) substituted. */
    static YamlNodes.Entry model(YamlNodes.Entry e, Macros macros, MacroTypes types, String modelId, Problems p) {
        return new YamlNodes.Entry(e.key(), e.path(), e.keyNode(),
                new MacroPass(macros, types, Optional.of(modelId), p).visit(e.value(), e.path()));
    }

    private Node visit(Node node, String path) {
        if (node instanceof ScalarNode scalar) {
            return scalar(scalar, path);
        }
        if (!open.add(node)) {
            return node;
        }
        try {
            if (node instanceof SequenceNode sequence) {
                List<Node> items = new ArrayList<>();
                for (Node item : sequence.getValue()) {
                    items.add(visit(item, path + "[" + items.size() + "]"));
                }
                return new SequenceNode(sequence.getTag(), true, items, sequence.getStartMark(), sequence.getEndMark(),
                        sequence.getFlowStyle());
            }
            if (node instanceof MappingNode mapping) {
                List<NodeTuple> tuples = new ArrayList<>();
                for (NodeTuple tuple : mapping.getValue()) {
                    String key = tuple.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?";
                    tuples.add(new NodeTuple(tuple.getKeyNode(), visit(tuple.getValueNode(), path + "." + key)));
                }
                return new MappingNode(mapping.getTag(), true, tuples, mapping.getStartMark(), mapping.getEndMark(),
                        mapping.getFlowStyle());
            }
            return node;
        } finally {
            open.remove(node);
        }
    }

    private Node scalar(ScalarNode scalar, String path) {
        String text = scalar.getValue();
        if (!text.contains("${")) {
            return scalar;
        }
        Located<String> located = new Located<>(text, scalar);
        Optional<String> expanded = modelId.isPresent() ? macros.expand(located, path, modelId.get(), p)
                : macros.expandOutsideModels(located, path, p);
        if (expanded.isEmpty() || expanded.get().equals(text)) {
            return scalar;
        }
        Tag tag = scalar.getTag();
        Matcher single = Macros.REFERENCE.matcher(text);
        if (single.matches() && tag.equals(Tag.STR)) {
            tag = types.of(single.group(1));
        }
        return new ScalarNode(tag, expanded.get(), scalar.getStartMark(), scalar.getEndMark(), scalar.getScalarStyle());
    }
}
