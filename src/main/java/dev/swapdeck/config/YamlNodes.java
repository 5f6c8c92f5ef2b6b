package dev.swapdeck.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reads from SnakeYAML's node tree. Each read reports a wrong type to {@link Problems} under
 * the given key path and returns empty; a YAML null ({@code key:} with no value, {@code ~}) reads as
 * "not set" and is never an error here.
 */
final class YamlNodes {
    private static final Pattern SECRET_PATH = Pattern.compile("(apiKeys|.*\\.apiKey|.*\\.env)(\\[\\d+])?");

    private YamlNodes() {
    }

    /** One key of a mapping: its text, where it was written, and its value. */
    record Entry(String key, String path, Node keyNode, Node value) {
    }

    /**
     * The entries of a mapping in file order, with YAML merge keys ({@code <<: *anchor}) applied
     * (keys written out win over merged ones). Duplicate keys are errors.
     */
    static Optional<Map<String, Entry>> mapping(Node node, String path, String expected, Problems p) {
        if (!(node instanceof MappingNode)) {
            if (!isNull(node)) {
                p.error(node, path, "expected " + expected + ", got " + describe(node, path));
            }
            return Optional.empty();
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<Node> merged = new ArrayList<>();
        for (NodeTuple tuple : ((MappingNode) node).getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (keyNode.getTag().equals(Tag.MERGE)) {
                merged.add(tuple.getValueNode());
                continue;
            }
            if (!(keyNode instanceof ScalarNode)) {
                p.error(keyNode, path, "expected a plain key, got " + describe(keyNode));
                continue;
            }
            String key = ((ScalarNode) keyNode).getValue();
            String keyPath = path.isEmpty() ? key : path + "." + key;
            if (entries.containsKey(key)) {
                p.error(keyNode, keyPath, "duplicate key (first written at line "
                        + (entries.get(key).keyNode().getStartMark().getLine() + 1) + ")");
                continue;
            }
            entries.put(key, new Entry(key, keyPath, keyNode, tuple.getValueNode()));
        }
        for (Node source : merged) {
            List<Node> sources = source instanceof SequenceNode ? ((SequenceNode) source).getValue() : List.of(source);
            for (Node one : sources) {
                mapping(one, path + ".<<", "a mapping to merge", p)
                        .ifPresent(extra -> extra.forEach((k, e) -> entries.putIfAbsent(k,
                                new Entry(k, path.isEmpty() ? k : path + "." + k, e.keyNode(), e.value()))));
            }
        }
        return Optional.of(entries);
    }

    /** A scalar as text, whatever YAML type it resolved to ({@code 8080} reads as {@code "8080"}). */
    static Optional<Located<String>> text(Node node, String path, Problems p) {
        if (isNull(node)) {
            return Optional.empty();
        }
        if (node instanceof ScalarNode) {
            return Optional.of(new Located<>(((ScalarNode) node).getValue(), node));
        }
        p.error(node, path, "expected text, got " + describe(node, path));
        return Optional.empty();
    }

    private static Optional<Located<String>> scalar(Node node, String path, String what, Problems p) {
        if (node instanceof ScalarNode || isNull(node)) {
            return text(node, path, p);
        }
        p.error(node, path, "expected " + what + ", got " + describe(node, path));
        return Optional.empty();
    }

    /** A whole number; {@code what} completes "expected ...", e.g. "a whole number of seconds". */
    static Optional<Located<Long>> wholeNumber(Node node, String path, String what, Problems p) {
        Optional<Located<String>> text = scalar(node, path, what, p);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(text.get().with(wholeNumber((ScalarNode) node)));
        } catch (NumberFormatException e) {
            p.error(node, path, "expected " + what + ", got " + describe(node, path));
            return Optional.empty();
        }
    }

    /**
     * A number setting's value as llama-swap's YAML library reads it: a plain number in any notation YAML
     * has ({@code 0x1E}, {@code 0o17}, {@code 0b101}, a leading {@code 0} for octal, {@code _} between
     * digits), a fraction cut off ({@code ttl: 60.5} is 60); quoted, decimal digits only (which that
     * library refuses: a quoted number is text to it).
     */
    private static long wholeNumber(ScalarNode scalar) {
        String text = scalar.getValue().strip().replace("_", "");
        if (scalar.getTag().equals(Tag.FLOAT)) {
            double value = Double.parseDouble(text);
            if (!Double.isFinite(value) || Math.abs(value) >= 0x1p63) {
                throw new NumberFormatException(text);
            }
            return (long) value;
        }
        if (scalar.getTag().equals(Tag.INT) || scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN) {
            return PlainValues.integer(text);
        }
        return Long.parseLong(text);
    }

    /**
     * {@code true}/{@code false}, and the YAML 1.1 spellings llama-swap's YAML library takes for a
     * setting that is a boolean: {@code yes}/{@code no}, {@code on}/{@code off}, {@code y}/{@code n}.
     */
    static Optional<Boolean> bool(Node node, String path, Problems p) {
        Optional<Located<String>> text = scalar(node, path, "true or false", p);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        switch (text.get().value().trim().toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "on": case "y": return Optional.of(true);
            case "false": case "no": case "off": case "n": return Optional.of(false);
            default:
                p.error(node, path, "expected true or false, got " + describe(node, path));
                return Optional.empty();
        }
    }

    /** A list of scalars; items are addressed as {@code path[index]} in messages. */
    static List<Located<String>> textList(Node node, String path, Problems p) {
        if (isNull(node)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode)) {
            p.error(node, path, "expected a list, got " + describe(node, path));
            return List.of();
        }
        List<Located<String>> items = new ArrayList<>();
        List<Node> values = ((SequenceNode) node).getValue();
        for (int i = 0; i < values.size(); i++) {
            text(values.get(i), path + "[" + i + "]", p).ifPresent(items::add);
        }
        return items;
    }

    static boolean isNull(Node node) {
        return node == null || (node instanceof ScalarNode && node.getTag().equals(Tag.NULL));
    }

    /** How a value reads in a message: a scalar quoted as written, otherwise its kind. */
    /**
     * As {@link #describe(Node)}, but a value written where a secret goes ({@code apiKeys}, a peer's
     * {@code apiKey}, a model's {@code env}) is not repeated: the message reaches the log and its streams.
     */
    static String describe(Node node, String path) {
        return node instanceof ScalarNode && SECRET_PATH.matcher(path).matches()
                ? "a single value (not repeated here, as it may be a secret)" : describe(node);
    }

    static String describe(Node node) {
        if (node instanceof ScalarNode) {
            return "\"" + ((ScalarNode) node).getValue() + "\"";
        }
        return node instanceof SequenceNode ? "a list" : "a mapping";
    }
}
