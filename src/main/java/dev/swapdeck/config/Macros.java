package dev.swapdeck.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The {@code macros} of a file (and of one model), applied to model strings as plain text before a
 * command is split, so a macro may hold several arguments and quotes.
 *
 * <p>References look like {@code ${name}}. Kept simple on purpose:
 * <ul>
 *   <li>a macro value is a scalar and may use macros defined above it. Values are expanded when a
 *       model string uses them, as llama-swap does: a model's own {@code macros} replace the global
 *       ones in place, so a global macro that uses {@code ${ctx}} sees the model's {@code ctx};</li>
 *   <li>a macro that uses itself is an error where it is defined. One that uses a macro defined
 *       below it or nowhere is a warning there and an error only where a value uses it: llama-swap
 *       loads a file whose unused macros hold such references;</li>
 *   <li>{@code ${env.NAME}} is the environment variable NAME (an error when it is not set);</li>
 *   <li>{@code ${MODEL_ID}} is the model's id; {@code ${PORT}} and {@code ${PID}} are left in place
 *       for the port allocation and the process layer. These three names cannot be redefined;</li>
 *   <li>expansion substitutes from the last macro to the first, each once, so there is no
 *       recursion and no cycle.</li>
 * </ul>
 */
final class Macros {
    static final String PORT = "PORT";
    static final String PID = "PID";
    static final String MODEL_ID = "MODEL_ID";
    private static final Set<String> RESERVED = Set.of(PORT, PID, MODEL_ID);
    /**
     * What refers to a macro or an environment variable, as llama-swap reads it; anything else in
     * {@code ${...}} ({@code ${NGL:-99}} for a shell run by the command, {@code ${a b}}) stays as written.
     */
    static final Pattern REFERENCE = Pattern.compile("\\$\\{(env\\.[A-Za-z_][A-Za-z0-9_]*|[A-Za-z0-9_-]+)}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,63}");

    private final Map<String, String> values;
    private final Map<String, String> env;
    /** Macros defined with an error, already reported: a use of one is not reported again as undefined. */
    private final Set<String> broken;
    /** Macros left out with a warning for a reference they cannot resolve, with that warning (where and why). */
    private final Map<String, String> unusable;

    private Macros(Map<String, String> values, Map<String, String> env, Set<String> broken, Map<String, String> unusable) {
        this.values = values;
        this.env = env;
        this.broken = broken;
        this.unusable = unusable;
    }

    /** The built-in macros (already expanded values) and the environment, before any file macro. */
    static Macros of(Map<String, String> predefined, Map<String, String> env) {
        return new Macros(new LinkedHashMap<>(predefined), Map.copyOf(env), Set.of(), Map.of());
    }

    /** These macros plus the ones defined by a {@code macros:} mapping (which may be absent). */
    Macros with(Node macrosNode, String path, Problems p) {
        Macros result = new Macros(new LinkedHashMap<>(values), env, new HashSet<>(broken), new HashMap<>(unusable));
        YamlNodes.mapping(macrosNode, path, "a mapping of macro name to value", p).ifPresent(entries -> {
            List<String> below = new ArrayList<>(entries.keySet());
            for (YamlNodes.Entry entry : entries.values()) {
                below.remove(entry.key());
                if (!NAME.matcher(entry.key()).matches() || RESERVED.contains(entry.key())) {
                    p.error(entry.keyNode(), entry.path(), "a macro name uses only letters, digits, _ and - "
                            + "(at most 63) and is not PORT, PID or MODEL_ID");
                    continue;
                }
                if (YamlNodes.isNull(entry.value())) {
                    p.error(entry.keyNode(), entry.path(), "macro " + entry.key() + " has no value (llama-swap refuses"
                            + " it too); write " + entry.key() + ": \"\" for one that puts in nothing");
                }
                // checked here against the macros above it, kept raw so an override reaches it
                Optional<Located<String>> value = YamlNodes.text(entry.value(), entry.path(), p);
                Problems unusableIfUsed = p.errorsAsWarnings("left out: a value that uses " + entry.key() + " is an error");
                int warned = unusableIfUsed.warningCount();
                if (value.isEmpty() || result.usesItself(value.get(), entry, p)) {
                    if (!result.values.containsKey(entry.key())) {
                        result.broken.add(entry.key());
                    }
                } else if (result.usesLater(value.get(), entry, below, unusableIfUsed)
                        || result.substitute(value.get(), entry.path(), true, unusableIfUsed).isEmpty()) {
                    // it replaces any macro of its name above it, as a working one would
                    result.values.remove(entry.key());
                    // why, for the error where it is used: the warning is not shown with the file's errors
                    result.unusable.put(entry.key(), unusableIfUsed.warningAfter(warned).orElse(entry.path()));
                } else {
                    result.values.put(entry.key(), value.get().value());
                    result.broken.remove(entry.key());
                    result.unusable.remove(entry.key());
                }
            }
        });
        return result;
    }

    /** Reports a macro that uses itself, which llama-swap refuses wherever it is. */
    private boolean usesItself(Located<String> value, YamlNodes.Entry entry, Problems p) {
        Matcher m = REFERENCE.matcher(value.value());
        while (m.find()) {
            if (m.group(1).equals(entry.key())) {
                p.error(value.node(), m.group(), entry.path(), "macro " + entry.key() + " uses itself; a macro may use"
                        + " only the macros defined above it");
                return true;
            }
        }
        return false;
    }

    /** Reports a macro that uses one defined below it: llama-swap expands the later one first, so it stays. */
    private boolean usesLater(Located<String> value, YamlNodes.Entry entry, List<String> below, Problems p) {
        Matcher m = REFERENCE.matcher(value.value());
        while (m.find()) {
            String name = m.group(1);
            if (below.contains(name) && !values.containsKey(name)) {
                p.error(value.node(), m.group(), entry.path(), "${" + name + "} is defined below " + entry.key()
                        + "; a macro may use only the macros defined above it: move " + name + " up");
                return true;
            }
        }
        return false;
    }

    /**
     * {@code text} with every macro, {@code ${env.*}} and {@code ${MODEL_ID}} replaced; {@code ${PORT}}
     * and {@code ${PID}} stay. Any other reference is reported as undefined and gives empty.
     */
    Optional<String> expand(Located<String> text, String path, String modelId, Problems p) {
        return substitute(text, path, true, p).map(s -> s.replace("${" + MODEL_ID + "}", modelId));
    }

    /** {@code text} outside any model: the same, except that PORT, PID and MODEL_ID mean nothing here. */
    Optional<String> expandOutsideModels(Located<String> text, String path, Problems p) {
        return substitute(text, path, false, p);
    }

    private Optional<String> substitute(Located<String> text, String path, boolean inModel, Problems p) {
        String expanded = text.value();
        List<Map.Entry<String, String>> macros = new ArrayList<>(values.entrySet());
        for (int i = macros.size() - 1; i >= 0; i--) {
            expanded = expanded.replace("${" + macros.get(i).getKey() + "}", macros.get(i).getValue());
        }
        Matcher m = REFERENCE.matcher(expanded);
        StringBuilder out = new StringBuilder();
        boolean ok = true;
        while (m.find()) {
            String name = m.group(1);
            String replacement = m.group();
            if (name.startsWith("env.") && env.containsKey(name.substring(4))) {
                replacement = env.get(name.substring(4));
            } else if (name.startsWith("env.")) {
                p.error(text.node(), m.group(), path, "environment variable " + name.substring(4) + " is not set (used as ${"
                        + name + "})");
                ok = false;
            } else if (RESERVED.contains(name) && !inModel) {
                p.error(text.node(), m.group(), path, "${" + name + "} is only known in a model's values");
                ok = false;
            } else if (broken.contains(name)) {
                ok = false;
            } else if (unusable.containsKey(name)) {
                p.error(text.node(), m.group(), path, "macro " + name + " cannot be used: its value refers to a macro"
                        + " it cannot use (" + unusable.get(name) + ")");
                ok = false;
            } else if (!RESERVED.contains(name)) {
                p.error(text.node(), m.group(), path, "undefined macro ${" + name + "}" + (values.isEmpty() ? ""
                        : " (known macros: " + String.join(", ", values.keySet()) + ")"));
                ok = false;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return ok ? Optional.of(out.toString()) : Optional.empty();
    }

    static boolean uses(String text, String name) {
        return text.contains("${" + name + "}");
    }
}
