package dev.swapdeck.ui.logs;

import dev.swapdeck.logging.OneLine;
import dev.swapdeck.ui.DistinctTail;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The model ids a log pane's line prefixes show: whole up to {@link #MODEL_CHARS} characters, else
 * shortened against the models configured ({@link DistinctTail#within}), so a long id never pushes
 * every line's text out of sight and ids that differ only in their middle stay apart. Control
 * characters escaped, as in the proxy log's text. The model's own view and Copy give an id whole.
 * Not thread-safe: its pane's owner (the FX thread) asks.
 */
final class ModelPrefixes {
    static final int MODEL_CHARS = 28;
    /** Client-named models that are not configured come and go; past this many, start afresh. */
    private static final int MOST_KEPT = 1_000;

    private List<String> ids = List.of();
    private final Map<String, String> shown = new HashMap<>();

    /** The models to tell each id from; a change shortens ids afresh from the next line on. */
    void setIds(List<String> configured) {
        if (!configured.equals(ids)) {
            ids = List.copyOf(configured);
            shown.clear();
        }
    }

    String of(String model) {
        String known = shown.get(model);
        if (known == null) {
            if (shown.size() >= MOST_KEPT) {
                shown.clear();
            }
            known = OneLine.escape(DistinctTail.within(model, ids, MODEL_CHARS));
            shown.put(model, known);
        }
        return known;
    }
}
