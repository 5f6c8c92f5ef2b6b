package dev.swapdeck.config;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * {@code ${env.NAME}} anywhere in the file but in comments (SPEC §10). llama-swap substitutes in the
 * text before parsing it, so text that is YAML only once substituted loads, such as
 * {@code apiKeys: [${env.API_KEY}]}, where its brace would otherwise open a flow mapping.
 *
 * <p>Swapdeck does the same in two steps, so that a value can never change the YAML around it (a
 * {@code ", "} in a flow list, a {@code ": "}, a quote) and each error keeps its line and column: each
 * reference in the text becomes a placeholder of the same length made of characters that are plain
 * text in every YAML context, the text is composed (dropping the placeholders in comments with the
 * comments), and the placeholders left in the tree's scalars, keys and values, are replaced by the
 * variables' values. A variable that is not set, or whose value holds a line break or NUL (which
 * llama-swap refuses too, and which would split a {@code cmd} into other arguments), is an error naming
 * it. Values are substituted once: a value that itself contains {@code ${...}} stays literal text for
 * the later macro pass to judge.
 *
 * <p>A model's {@code cmd} and {@code cmdStop} are split into words later, where {@code \} and
 * {@code "} act. llama-swap escapes both in the value it puts into the text, for double-quoted
 * strings, whose reading drops the backslashes; a plain or block command, as most are written, keeps
 * them, and the split takes them away, so a value such as {@code {"enable_thinking":false}} reaches
 * the server as written. A command or a macro's value (which a command may take in) that is not a
 * double-quoted string gets the value escaped here too, so each gives the arguments it gives in
 * llama-swap; {@link ShellScalars} finds them, through anchors and merge keys.
 *
 * <p>A command's comments are removed here, from the text as written and before any value goes in,
 * for every file whether it refers to the environment or not: a value that begins with {@code #}
 * ({@code --api-key ${env.KEY}}) is then an argument, never a comment; a {@code >} block's, line by
 * line as it was written ({@link FoldedCommand}).
 */
final class EnvMacros {
    /** As llama-swap reads them: {@code ${env.my-var}} is no reference and stays as written. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{env\\.([A-Za-z_][A-Za-z0-9_]*)}");
    /** Unicode's private use area: printable, so YAML reads it as text, and never meant for files. */
    private static final char PRIVATE_USE_FIRST = '\uE000';
    private static final char PRIVATE_USE_LAST = '\uF8FF';
    private final Map<String, String> env;
    private final Problems problems;
    /** The variables referred to, by the number their placeholders carry. */
    private final List<String> names;
    private final Pattern placeholder;
    private final Map<Node, Node> replaced = new IdentityHashMap<>();
    private final ShellScalars shell;
    /** The text composed: placeholders in, where a command's {@code >} block is read as written. */
    private final String composed;

    private EnvMacros(Map<String, String> env, Problems problems, List<String> names, Pattern placeholder,
            ShellScalars shell, String composed) {
        this.env = env;
        this.composed = composed;
        this.problems = problems;
        this.names = names;
        this.placeholder = placeholder;
        this.shell = shell;
    }

    /**
     * The composed tree of {@code yaml} with every {@code ${env.NAME}} outside comments replaced; YAML
     * errors and unset or unusable variables are reported to {@code p}, and the tree is then null or
     * keeps those references as written.
     */
    static Node compose(String written, Map<String, String> env, Problems p) {
        String yaml = ConfigText.withoutLineStartMarks(written);
        Matcher m = REFERENCE.matcher(yaml);
        char start = unusedPrivateChar(yaml, PRIVATE_USE_FIRST);
        char fill = unusedPrivateChar(yaml, (char) (start + 1));
        Map<String, Integer> numbers = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        while (m.find()) {
            int number = numbers.computeIfAbsent(m.group(1), name -> numbers.size());
            // As many characters as the reference, so that every position after it on its line stays
            // where it was written; the shortest, ${env.}, leaves room for 100,000 names' numbers.
            String digits = Integer.toString(number);
            int length = m.group().codePointCount(0, m.group().length());
            m.appendReplacement(text, start + digits + String.valueOf(fill).repeat(length - 1 - digits.length()));
        }
        m.appendTail(text);
        List<String> names = List.copyOf(numbers.keySet());
        Pattern placeholder = Pattern.compile(start + "([0-9]+)" + fill + "+");
        UnaryOperator<String> asWritten = message -> placeholder.matcher(message)
                .replaceAll(r -> Matcher.quoteReplacement(reference(names, r)));
        String composed = text.toString();
        Node root = ConfigLoader.compose(composed, asWritten, p);
        return root == null ? null
                : new EnvMacros(env, p, names, placeholder, ShellScalars.of(root), composed).visit(root, "");
    }

    /** A command's value as llama-swap's substitution leaves it outside a double-quoted string. */
    private static String asLlamaSwapLeavesIt(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** The first character from {@code from} on in the private use area that {@code text} does not hold. */
    private static char unusedPrivateChar(String text, char from) {
        for (char c = from; c <= PRIVATE_USE_LAST; c++) {
            if (text.indexOf(c) < 0) {
                return c;
            }
        }
        throw new IllegalArgumentException("the text holds every character of Unicode's private use area");
    }

    /** The reference a placeholder stands for, as the file writes it. */
    private static String reference(List<String> names, MatchResult placeholderFound) {
        return "${env." + names.get(Integer.parseInt(placeholderFound.group(1))) + "}";
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
        boolean command = shell.commands().contains(scalar);
        String text = command ? CommandLine.withoutComments(FoldedCommand.asWritten(scalar, composed)) : scalar.getValue();
        boolean escaped = (command || shell.macroValues().contains(scalar))
                && scalar.getScalarStyle() != DumperOptions.ScalarStyle.DOUBLE_QUOTED;
        Matcher m = placeholder.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = names.get(Integer.parseInt(m.group(1)));
            String value = env.get(name);
            if (value == null) {
                problems.error(scalar, path, "environment variable " + name + " is not set (used as ${env." + name
                        + "})");
                value = reference(names, m);
            } else if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
                problems.error(scalar, path, "environment variable " + name + " contains newlines or NUL "
                        + "characters, which a configuration value cannot hold (used as ${env." + name + "})");
                value = reference(names, m);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(escaped ? asLlamaSwapLeavesIt(value) : value));
        }
        m.appendTail(out);
        String value = out.toString();
        return value.equals(scalar.getValue()) ? scalar : new ScalarNode(scalar.getTag(), value,
                scalar.getStartMark(), scalar.getEndMark(), scalar.getScalarStyle());
    }
}
