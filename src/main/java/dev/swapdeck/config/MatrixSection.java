package dev.swapdeck.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads llama-swap's {@code matrix} ({@code vars}, {@code evict_costs}, {@code sets}) and compiles each
 * set's expression. Syntax errors point at the character in the file. A name that is neither a var nor
 * a model is a warning (it can never run, so it never decides anything); an undefined {@code +set} or
 * a cycle of references is an error.
 */
final class MatrixSection {
    private static final Pattern VAR_NAME = Pattern.compile("[a-zA-Z0-9.-]{1,32}");

    private MatrixSection() {
    }

    static Optional<MatrixRules> read(YamlNodes.Entry matrix, ModelReferences names, Problems p) {
        Map<String, YamlNodes.Entry> keys = YamlNodes.mapping(matrix.value(), matrix.path(),
                "a mapping (vars, evict_costs, sets)", p).orElse(Map.of());
        Map<String, String> vars = new HashMap<>();
        Optional.ofNullable(keys.get("vars")).ifPresent(e -> vars.putAll(vars(e, names, p)));
        UnaryOperator<String> resolve = name -> vars.containsKey(name) ? vars.get(name)
                : names.resolve(name).orElse(name);
        Map<String, Integer> costs = Optional.ofNullable(keys.get("evict_costs"))
                .map(e -> costs(e, vars, names, resolve, p)).orElse(Map.of());
        keys.values().stream().filter(e -> !Set.of("vars", "evict_costs", "sets").contains(e.key()))
                .forEach(e -> IgnoredKeys.unknown(e, p));
        YamlNodes.Entry sets = keys.get("sets");
        if (sets == null || YamlNodes.isNull(sets.value())) {
            p.error(matrix.keyNode(), matrix.path() + ".sets", "a matrix needs at least one set");
            return Optional.empty();
        }
        List<MatrixRules.MatrixSet> compiled = sets(sets, vars, names, resolve, p);
        return Optional.of(new MatrixRules(compiled, costs));
    }

    private static Map<String, String> vars(YamlNodes.Entry vars, ModelReferences names, Problems p) {
        Map<String, String> result = new HashMap<>();
        Map<String, YamlNodes.Entry> entries = YamlNodes.mapping(vars.value(), vars.path(),
                "a mapping of short name to model id", p).orElse(Map.of());
        for (YamlNodes.Entry var : entries.values()) {
            if (!VAR_NAME.matcher(var.key()).matches()) {
                p.error(var.keyNode(), var.path(), "a var name has 1 to 32 letters, digits, '-' or '.'");
                continue;
            }
            YamlNodes.text(var.value(), var.path(), p).ifPresent(model -> {
                Optional<String> id = names.resolve(model.value());
                if (id.isEmpty()) {
                    p.warn(var.value(), var.path(), "unknown model \"" + model.value() + "\"; sets naming this var "
                            + "never match a running model");
                }
                result.put(var.key(), id.orElse(model.value()));
            });
        }
        return result;
    }

    private static Map<String, Integer> costs(YamlNodes.Entry costs, Map<String, String> vars,
            ModelReferences names, UnaryOperator<String> resolve, Problems p) {
        Map<String, Integer> result = new LinkedHashMap<>();
        Map<String, YamlNodes.Entry> entries = YamlNodes.mapping(costs.value(), costs.path(),
                "a mapping of var or model id to a positive whole number", p).orElse(Map.of());
        for (YamlNodes.Entry cost : entries.values()) {
            Optional<Located<Long>> value = YamlNodes.wholeNumber(cost.value(), cost.path(), "a positive whole number", p);
            if (value.isPresent() && value.get().value() <= 0) {
                p.error(cost.value(), cost.path(), "an eviction cost must be a positive whole number, got "
                        + value.get().value());
                continue;
            }
            if (!vars.containsKey(cost.key()) && names.resolve(cost.key()).isEmpty()) {
                p.warn(cost.keyNode(), cost.path(), "unknown var or model \"" + cost.key() + "\" (ignored)");
                continue;
            }
            value.ifPresent(v -> result.put(resolve.apply(cost.key()), (int) Math.min(v.value(), Integer.MAX_VALUE)));
        }
        return result;
    }

    private static List<MatrixRules.MatrixSet> sets(YamlNodes.Entry sets, Map<String, String> vars,
            ModelReferences names, UnaryOperator<String> resolve, Problems p) {
        Map<String, YamlNodes.Entry> entries = YamlNodes.mapping(sets.value(), sets.path(),
                "a mapping of set name to expression", p).orElse(Map.of());
        if (entries.isEmpty()) {
            p.error(sets.keyNode(), sets.path(), "a matrix needs at least one set");
        }
        Map<String, MatrixRules.MatrixSet> compiled = new LinkedHashMap<>();
        for (YamlNodes.Entry set : entries.values()) {
            Optional<Located<String>> text = YamlNodes.text(set.value(), set.path(), p);
            if (text.isEmpty()) {
                p.error(set.keyNode(), set.path(), "a set needs an expression such as \"a & (b | c)\"");
                continue;
            }
            try {
                MatrixExpression root = MatrixParser.parse(text.get().value());
                root = resolveNames(root, vars, names, resolve, set, p);
                compiled.put(set.key(), new MatrixRules.MatrixSet(set.key(), text.get().value(), root));
            } catch (MatrixParser.SyntaxException e) {
                int[] at = position(set.value(), e.offset);
                p.error(at[0], at[1], set.path(), "not a valid set expression: " + e.getMessage());
            }
        }
        checkReferences(compiled, entries, p);
        return inReferenceOrder(compiled);
    }

    /**
     * The sets in the order the matrix weighs them, which breaks its ties: as llama-swap's compiler
     * orders them, each after the sets it references ({@code +set}, in the order written), otherwise
     * as written.
     */
    private static List<MatrixRules.MatrixSet> inReferenceOrder(Map<String, MatrixRules.MatrixSet> sets) {
        Map<String, MatrixRules.MatrixSet> ordered = new LinkedHashMap<>();
        Set<String> visiting = new HashSet<>();
        for (String name : sets.keySet()) {
            addAfterReferences(name, sets, visiting, ordered);
        }
        return List.copyOf(ordered.values());
    }

    private static void addAfterReferences(String name, Map<String, MatrixRules.MatrixSet> sets, Set<String> visiting,
            Map<String, MatrixRules.MatrixSet> ordered) {
        MatrixRules.MatrixSet set = sets.get(name);
        if (set == null || ordered.containsKey(name) || !visiting.add(name)) {
            return; // unknown or circular references are reported by checkReferences
        }
        refs(set.root()).forEach(ref -> addAfterReferences(ref, sets, visiting, ordered));
        ordered.put(name, set);
    }

    private static MatrixExpression resolveNames(MatrixExpression e, Map<String, String> vars,
            ModelReferences names, UnaryOperator<String> resolve, YamlNodes.Entry set, Problems p) {
        if (e instanceof MatrixExpression.Model model) {
            if (!vars.containsKey(model.id()) && names.resolve(model.id()).isEmpty()) {
                p.warn(set.value(), set.path(), "unknown var or model \"" + model.id() + "\"; it never runs, "
                        + "so it never decides anything");
            }
            return new MatrixExpression.Model(resolve.apply(model.id()));
        }
        if (e instanceof MatrixExpression.All all) {
            return new MatrixExpression.All(all.parts().stream()
                    .map(c -> resolveNames(c, vars, names, resolve, set, p)).toList());
        }
        if (e instanceof MatrixExpression.Any any) {
            return new MatrixExpression.Any(any.choices().stream()
                    .map(c -> resolveNames(c, vars, names, resolve, set, p)).toList());
        }
        return e;
    }

    /** Every {@code +set} names a set, and no set reaches itself through references. */
    private static void checkReferences(Map<String, MatrixRules.MatrixSet> sets, Map<String, YamlNodes.Entry> entries,
            Problems p) {
        for (MatrixRules.MatrixSet set : sets.values()) {
            Node at = entries.get(set.name()).value();
            String path = entries.get(set.name()).path();
            for (String ref : refs(set.root())) {
                if (!entries.containsKey(ref)) {
                    p.error(at, path, "+" + ref + " names no set");
                }
            }
            if (reaches(set.name(), set.name(), sets, new HashSet<>())) {
                p.error(at, path, "set \"" + set.name() + "\" refers back to itself through +references");
            }
        }
    }

    private static boolean reaches(String from, String target, Map<String, MatrixRules.MatrixSet> sets,
            Set<String> seen) {
        MatrixRules.MatrixSet set = sets.get(from);
        if (set == null || !seen.add(from)) {
            return false;
        }
        for (String ref : refs(set.root())) {
            if (ref.equals(target) || reaches(ref, target, sets, seen)) {
                return true;
            }
        }
        return false;
    }

    static List<String> refs(MatrixExpression e) {
        List<String> refs = new ArrayList<>();
        collectRefs(e, refs);
        return refs;
    }

    private static void collectRefs(MatrixExpression e, List<String> refs) {
        if (e instanceof MatrixExpression.Ref ref) {
            refs.add(ref.set());
        } else if (e instanceof MatrixExpression.All all) {
            all.parts().forEach(c -> collectRefs(c, refs));
        } else if (e instanceof MatrixExpression.Any any) {
            any.choices().forEach(c -> collectRefs(c, refs));
        }
    }

    /** 1-based line and column of a character of a scalar written on one line (quotes skipped). */
    private static int[] position(Node value, int offset) {
        int line = value.getStartMark().getLine() + 1;
        int column = value.getStartMark().getColumn() + 1;
        boolean quoted = value instanceof ScalarNode scalar && scalar.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN;
        return new int[] {line, column + offset + (quoted ? 1 : 0)};
    }
}
