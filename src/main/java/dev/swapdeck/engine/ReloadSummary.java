package dev.swapdeck.engine;

import dev.swapdeck.config.SwapdeckConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The proxy log's one line about what a reload did to each model: changed, new, removed, kept. */
final class ReloadSummary {
    private ReloadSummary() {
    }

    /** {@code reloaded: changed (...): b; new: c; removed: d; kept as they were: a}, each part only when it names a model. */
    static String of(SwapdeckConfig before, SwapdeckConfig after, Set<String> kept) {
        Set<String> changed = new TreeSet<>();
        Set<String> added = new TreeSet<>();
        Set<String> removed = new TreeSet<>(before.models().keySet());
        removed.removeAll(after.models().keySet());
        Set<String> forTheTimeout = new TreeSet<>();
        for (String id : after.models().keySet()) {
            if (!before.models().containsKey(id)) {
                added.add(id);
            } else if (kept.contains(id)) {
                continue;
            } else if (before.models().get(id).equals(after.models().get(id))) {
                forTheTimeout.add(id); // its own settings are the same: the top-level health check timeout is not
            } else {
                changed.add(id);
            }
        }
        List<String> parts = new ArrayList<>();
        part(parts, "changed (stopped if it ran; starts with its new settings when next asked for)", changed);
        part(parts, "unchanged but stopped if it ran, for the new healthCheckTimeout of " + after.healthCheckTimeout()
                .toSeconds() + " s (it applies from each model's next start)", forTheTimeout);
        part(parts, "new", added);
        part(parts, "removed", removed);
        part(parts, "kept as they were", new TreeSet<>(kept));
        return "reloaded: " + (parts.isEmpty() ? "no models" : String.join("; ", parts));
    }

    /** {@code b (2 requests), c (1 request)}: models and their counts, by id. */
    static String counted(Map<String, Integer> requests) {
        List<String> each = new ArrayList<>();
        new TreeMap<>(requests).forEach((id, n) -> each.add(id + " (" + n + (n == 1 ? " request)" : " requests)")));
        return String.join(", ", each);
    }

    private static void part(List<String> parts, String what, Set<String> ids) {
        if (!ids.isEmpty()) {
            parts.add(what + ": " + String.join(", ", ids));
        }
    }
}
