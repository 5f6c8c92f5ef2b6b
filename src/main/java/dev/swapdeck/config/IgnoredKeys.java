package dev.swapdeck.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Keys Swapdeck reads past with a warning: llama-swap settings it does not implement, and anything
 * unknown (most likely a typo). Never an error, so a llama-swap file keeps loading as llama-swap grows.
 */
final class IgnoredKeys {

    private static final String NOT_SUPPORTED = "llama-swap setting not supported by Swapdeck; ignored";

    /** Known llama-swap keys, by where they sit, with a note when ignoring them has a consequence. */
    private static final Map<String, String> TOP_LEVEL = Map.ofEntries(
            Map.entry("logTimeFormat", NOT_SUPPORTED + " (log lines carry the local time as HH:mm:ss.SSS)"),
            Map.entry("logToStdout", NOT_SUPPORTED + " (--headless prints Swapdeck's own log; the servers' output is at "
                    + "/logs/stream/upstream)"),
            Map.entry("logRequests", NOT_SUPPORTED + " (every request is in the Activity view and /api/activity)"),
            Map.entry("metricsMaxInMemory", NOT_SUPPORTED + " (the activity history keeps the last 1,000 requests)"),
            Map.entry("captureBuffer", NOT_SUPPORTED + " (requests and answers are not captured; /api/activity records "
                    + "each one's figures)"),
            Map.entry("store", NOT_SUPPORTED + " (activity is kept in memory only)"),
            Map.entry("ui", NOT_SUPPORTED + " (Swapdeck's own window has no web UI settings)"),
            Map.entry("performance", NOT_SUPPORTED + " (Swapdeck measures speed from each response instead)"));

    private static final Map<String, String> MODEL = Map.of(
            "compat", NOT_SUPPORTED + " (every /upstream request takes part in swapping, concurrency limits and TTL)",
            "healthCheckTimeout", "ignored, as llama-swap ignores it: the top-level healthCheckTimeout applies to "
                    + "every model");

    private static final Map<String, String> FILTERS = Map.of();

    private static final Map<String, String> ALIAS = Map.of(
            "name", NOT_SUPPORTED + " (an alias shows its model's name)",
            "unlisted", NOT_SUPPORTED + " (with includeAliasesInList every alias is listed, as llama-swap lists them)");

    private IgnoredKeys() {
    }

    static void topLevel(YamlNodes.Entry entry, Problems p) {
        List<String> anchors = TOP_LEVEL.containsKey(entry.key()) ? List.of() : anchorsIn(entry.value());
        if (anchors.size() == 1) {
            // llama-swap files keep shared model settings this way (x-defaults: &defaults ...)
            p.warn(entry.keyNode(), entry.path(), "not a setting; ignored (its anchor &" + anchors.get(0)
                    + " still serves the settings that merge it)");
        } else if (anchors.size() > 1) {
            // or as several under one key (defs: {caps: &caps ..., ctx: &ctx ...})
            p.warn(entry.keyNode(), entry.path(), "not a setting; ignored (its anchors &" + String.join(", &", anchors)
                    + " still serve the settings that merge them)");
        } else {
            warn(TOP_LEVEL, entry, p);
        }
    }

    /** The anchors defined in {@code value} or anywhere inside it, in file order; not those it only refers to. */
    private static List<String> anchorsIn(Node value) {
        List<String> anchors = new ArrayList<>();
        YamlTrees.forEach(value, node -> {
            boolean inside = node.getStartMark().getIndex() >= value.getStartMark().getIndex()
                    && node.getStartMark().getIndex() < value.getEndMark().getIndex();
            if (node.getAnchor() != null && inside) {
                anchors.add(node.getAnchor());
            }
        });
        return anchors;
    }

    static void model(YamlNodes.Entry entry, Problems p) {
        warn(MODEL, entry, p);
    }

    static void filters(YamlNodes.Entry entry, Problems p) {
        warn(FILTERS, entry, p);
    }

    static void alias(YamlNodes.Entry entry, Problems p) {
        warn(ALIAS, entry, p);
    }

    /** A key with no meaning anywhere: reported as unknown. */
    static void unknown(YamlNodes.Entry entry, Problems p) {
        warn(Map.of(), entry, p);
    }

    private static void warn(Map<String, String> known, YamlNodes.Entry entry, Problems p) {
        Node at = entry.keyNode();
        p.warn(at, entry.path(), known.getOrDefault(entry.key(), unknown(entry.key())));
    }

    /**
     * Why a key is unknown, naming the characters that look like a space or like nothing and are
     * neither to YAML (a no-break space pasted from a web page indents nothing: the key is then the
     * spaces and the name together, at the top level).
     */
    private static String unknown(String key) {
        String unseen = key.codePoints().filter(IgnoredKeys::unseen).distinct()
                .mapToObj(c -> String.format(Locale.ROOT, "U+%04X", c)).collect(Collectors.joining(", "));
        return unseen.isEmpty() ? "unknown key; ignored (check its spelling)"
                : "unknown key; ignored: it holds " + unseen + ", which looks like a space or like nothing but is"
                        + " not one to YAML (pasted from a web page or a word processor?); type the line again";
    }

    private static boolean unseen(int c) {
        return c == 0x00A0 || c == 0x00AD || c == 0xFEFF || c >= 0x2000 && c <= 0x200F || c >= 0x2028 && c <= 0x202F
                || c >= 0x205F && c <= 0x2064 || c == 0x3000;
    }
}
