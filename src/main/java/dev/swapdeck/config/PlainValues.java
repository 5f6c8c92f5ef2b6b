package dev.swapdeck.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns a free-form YAML value ({@code metadata}, {@code setParams}) into plain Java values for JSON:
 * maps, lists, {@code String}, {@code Long}, {@code Double}, {@code Boolean}, null. Macros are
 * substituted in every string, as llama-swap does; a string that is exactly one macro reference takes
 * the macro's value with its type ({@code ${PORT}} is a number, {@code ${temp}} is a number when the
 * macro was written as one). Problems are reported; the value is then left as written.
 */
final class PlainValues {
    private static final Pattern SINGLE_REFERENCE = Pattern.compile("\\$\\{([^}]*)}");

    private final Macros macros;
    private final MacroTypes types;
    private final String modelId;
    private final Optional<Integer> port;
    private final Problems p;

    PlainValues(Macros macros, MacroTypes types, String modelId, Optional<Integer> port, Problems p) {
        this.macros = macros;
        this.types = types;
        this.modelId = modelId;
        this.port = port;
        this.p = p;
    }

    Object of(Node node, String path) {
        if (node instanceof MappingNode) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (NodeTuple tuple : ((MappingNode) node).getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode k ? k.getValue() : String.valueOf(tuple.getKeyNode());
                map.put(key, of(tuple.getValueNode(), path + "." + key));
            }
            return map;
        }
        if (node instanceof SequenceNode) {
            List<Object> list = new ArrayList<>();
            List<Node> items = ((SequenceNode) node).getValue();
            for (int i = 0; i < items.size(); i++) {
                list.add(of(items.get(i), path + "[" + i + "]"));
            }
            return list;
        }
        ScalarNode scalar = (ScalarNode) node;
        if (!scalar.getTag().equals(Tag.STR)) {
            return typed(scalar.getValue(), scalar.getTag());
        }
        return string(scalar, path);
    }

    /** A mapping's entries as plain values, by key in file order. */
    Map<String, Object> mapping(Node node, String path, String expected) {
        Map<String, Object> values = new LinkedHashMap<>();
        YamlNodes.mapping(node, path, expected, p).ifPresent(entries ->
                entries.forEach((key, e) -> values.put(key, of(e.value(), e.path()))));
        return values;
    }

    /** Text with macros, {@code ${MODEL_ID}} and {@code ${PORT}} substituted; empty after reporting. */
    Optional<String> text(Located<String> text, String path) {
        Optional<String> expanded = macros.expand(text, path, modelId, p);
        if (expanded.isEmpty() || !Macros.uses(expanded.get(), Macros.PORT)) {
            return expanded;
        }
        if (port.isEmpty()) {
            p.error(text.node(), path, "uses ${PORT} but cmd does not, so this model gets no port");
            return Optional.empty();
        }
        return Optional.of(expanded.get().replace("${" + Macros.PORT + "}", port.get().toString()));
    }

    private Object string(ScalarNode scalar, String path) {
        String value = scalar.getValue();
        Optional<String> expanded = text(new Located<>(value, scalar), path);
        if (expanded.isEmpty()) {
            return value;
        }
        Matcher single = SINGLE_REFERENCE.matcher(value);
        if (!single.matches()) {
            return expanded.get();
        }
        String name = single.group(1);
        Tag tag = name.equals(Macros.PORT) ? Tag.INT : types.of(name);
        return tag.equals(Tag.STR) ? expanded.get() : typed(expanded.get(), tag);
    }

    /** A scalar as its YAML type says; text it cannot be read as stays text. */
    static Object typed(String text, Tag tag) {
        try {
            if (tag.equals(Tag.INT)) {
                return Long.parseLong(text.strip().replace("_", ""));
            }
            if (tag.equals(Tag.FLOAT)) {
                return Double.parseDouble(text.strip().replace("_", ""));
            }
        } catch (NumberFormatException e) {
            return text;
        }
        if (tag.equals(Tag.BOOL)) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "y" -> Boolean.TRUE;
                default -> Boolean.FALSE;
            };
        }
        return tag.equals(Tag.NULL) ? null : text;
    }
}
