package dev.swapdeck.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns a free-form YAML value ({@code metadata}, {@code setParams}) into plain Java values for JSON:
 * maps, lists, {@code String}, {@code Long}, {@code Double}, {@code Boolean}, null. The file's macros
 * are already substituted ({@link MacroPass}, which also gives a lone macro its type); this adds the
 * model's port, a value that is exactly {@code ${PORT}} being a number, and refuses {@code ${PID}}, which
 * only a {@code cmdStop} knows (llama-swap refuses it too). {@code setParamsByID} keys, which the macro
 * pass leaves alone as it does every key, get both here ({@link #key}).
 */
final class PlainValues {
    private final Macros macros;
    private final String modelId;
    private final Optional<Integer> port;
    private final Problems p;

    PlainValues(Macros macros, String modelId, Optional<Integer> port, Problems p) {
        this.macros = macros;
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

    /** A mapping key with macros, {@code ${MODEL_ID}} and {@code ${PORT}} substituted; empty after reporting. */
    Optional<String> key(Located<String> text, String path) {
        return macros.expand(text, path, modelId, p).flatMap(expanded -> withPort(text.with(expanded), path));
    }

    /** The text with {@code ${PORT}} replaced; empty (after reporting) when it cannot be, or uses {@code ${PID}}. */
    private Optional<String> withPort(Located<String> text, String path) {
        if (Macros.uses(text.value(), Macros.PID)) {
            p.error(text.node(), path, "${PID} is only known in cmdStop");
            return Optional.empty();
        }
        if (!Macros.uses(text.value(), Macros.PORT)) {
            return Optional.of(text.value());
        }
        if (port.isEmpty()) {
            p.error(text.node(), path, "uses ${PORT} but cmd does not, so this model gets no port");
            return Optional.empty();
        }
        return Optional.of(text.value().replace("${" + Macros.PORT + "}", port.get().toString()));
    }

    private Object string(ScalarNode scalar, String path) {
        String value = scalar.getValue();
        Optional<String> withPort = withPort(new Located<>(value, scalar), path);
        if (withPort.isEmpty()) {
            return value;
        }
        return value.equals("${" + Macros.PORT + "}") ? typed(withPort.get(), Tag.INT) : withPort.get();
    }

    /**
     * A scalar as its YAML type says, read as llama-swap's YAML library (yaml.v3) reads a value of no
     * declared type: only {@code true} and {@code false} are booleans ({@code off}, {@code yes}, YAML
     * 1.1's, stay text, so {@code setParams: {reasoning: off}} sends {@code "off"}); {@code 0x}, {@code 0b}
     * and a leading {@code 0} give hexadecimal, binary and octal numbers. Text it cannot be read as stays text.
     */
    static Object typed(String text, Tag tag) {
        try {
            if (tag.equals(Tag.INT)) {
                return integer(text.strip().replace("_", ""));
            }
            if (tag.equals(Tag.FLOAT)) {
                return Double.parseDouble(text.strip().replace("_", ""));
            }
        } catch (NumberFormatException e) {
            return text;
        }
        if (tag.equals(Tag.BOOL)) {
            return switch (text.strip()) {
                case "true", "True", "TRUE" -> Boolean.TRUE;
                case "false", "False", "FALSE" -> Boolean.FALSE;
                default -> text;
            };
        }
        return tag.equals(Tag.NULL) ? null : text;
    }

    /** A whole number as yaml.v3 reads a plain one: decimal, {@code 0x}, {@code 0o}, {@code 0b}, or octal after a leading 0. */
    static long integer(String text) {
        boolean negative = text.startsWith("-");
        String digits = negative || text.startsWith("+") ? text.substring(1) : text;
        String lower = digits.toLowerCase(Locale.ROOT);
        long magnitude;
        if (lower.startsWith("0x")) {
            magnitude = Long.parseLong(digits.substring(2), 16);
        } else if (lower.startsWith("0o")) {
            magnitude = Long.parseLong(digits.substring(2), 8);
        } else if (lower.startsWith("0b")) {
            magnitude = Long.parseLong(digits.substring(2), 2);
        } else if (digits.length() > 1 && digits.startsWith("0")) {
            magnitude = Long.parseLong(digits.substring(1), 8);
        } else {
            magnitude = Long.parseLong(digits);
        }
        return negative ? -magnitude : magnitude;
    }
}
