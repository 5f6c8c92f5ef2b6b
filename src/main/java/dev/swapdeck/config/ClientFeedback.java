package dev.swapdeck.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a model shows clients while they wait for it (SPEC §12).
 *
 * @param sendLoadingState  llama-swap's key: a streaming chat request that waits for this model's
 *                          start gets loading progress in its stream first; per model, defaulting
 *                          to the top-level {@code sendLoadingState} (false)
 */
public record ClientFeedback(boolean sendLoadingState) {
    public static final ClientFeedback NONE = new ClientFeedback(false);

    static final String KEY = "sendLoadingState";

    /** Gives every model that does not set {@code sendLoadingState} the top-level value, if any. */
    static void applyTopLevel(Map<String, YamlNodes.Entry> top, List<ModelSection> sections, Problems p) {
        YamlNodes.Entry entry = top.get(KEY);
        if (entry == null) {
            return;
        }
        Optional<Boolean> global = YamlNodes.bool(entry.value(), entry.path(), p);
        global.ifPresent(value -> sections.forEach(s -> s.sendLoadingState = s.sendLoadingState.or(() -> global)));
    }

    static ClientFeedback of(ModelSection s) {
        return new ClientFeedback(s.sendLoadingState.orElse(false));
    }
}
