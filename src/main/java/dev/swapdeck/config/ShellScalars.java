package dev.swapdeck.config;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The scalars of a composed file whose text ends up split into words: each model's {@code cmd} and
 * {@code cmdStop} ({@code cmd_stop}), and every macro's value, which a command may take in. They are
 * found by where the configuration reads them, through merge keys, so a command written once under
 * an anchor ({@code x-base: &base}) and merged into models ({@code <<: *base}) is a command wherever
 * the file writes it.
 *
 * @param commands    the commands: their comments are removed from the text as written
 * @param macroValues the macros' values, top level and per model
 */
record ShellScalars(Set<Node> commands, Set<Node> macroValues) {
    private static final Set<String> COMMANDS = Set.of("cmd", "cmdStop", "cmd_stop");

    static ShellScalars of(Node root) {
        ShellScalars found = new ShellScalars(identitySet(), identitySet());
        if (root instanceof MappingNode top) {
            for (NodeTuple entry : top.getValue()) {
                switch (keyOf(entry)) {
                    case "macros": found.addMacros(entry.getValueNode()); break;
                    case "models": found.addModels(entry.getValueNode()); break;
                    default: break;
                }
            }
        }
        return found;
    }

    private void addModels(Node models) {
        if (models instanceof MappingNode byId) {
            Set<Node> seen = identitySet();
            byId.getValue().forEach(model -> addModel(model.getValueNode(), seen));
        }
    }

    /** {@code seen}: the mappings already read, so that a merge loop ends. */
    private void addModel(Node model, Set<Node> seen) {
        if (!(model instanceof MappingNode mapping) || !seen.add(mapping)) {
            return;
        }
        for (NodeTuple entry : mapping.getValue()) {
            String key = keyOf(entry);
            Node value = entry.getValueNode();
            if (COMMANDS.contains(key) && value instanceof ScalarNode) {
                commands.add(value);
            } else if (key.equals("macros")) {
                addMacros(value);
            } else if (key.equals("<<") && value instanceof SequenceNode sources) {
                sources.getValue().forEach(source -> addModel(source, seen));
            } else if (key.equals("<<")) {
                addModel(value, seen);
            }
        }
    }

    private void addMacros(Node macros) {
        if (macros instanceof MappingNode byName) {
            byName.getValue().stream().map(NodeTuple::getValueNode).filter(ScalarNode.class::isInstance)
                    .forEach(macroValues::add);
        }
    }

    private static String keyOf(NodeTuple entry) {
        return entry.getKeyNode() instanceof ScalarNode key ? key.getValue() : "";
    }

    private static Set<Node> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
