package dev.swapdeck.proxy;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.config.RequestFilters;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the forwarding step changes in a JSON body, from a model's (or a peer's) settings: the new
 * {@code model} value, the keys to strip, and the keys to set ({@code setParams}, then the
 * {@code setParamsByID} entry of the requested name, which wins). {@code model} is never among them.
 *
 * @param newModel the upstream's name for the model; null leaves the body's
 */
record BodyEdits(String newModel, Set<String> strip, Map<String, Object> set) {

    /**
     * The edits for a request that named {@code requested} (profile prefix already removed) and was
     * routed to {@code model}; {@code newModel} is what the upstream should see, if anything.
     */
    static BodyEdits of(ModelConfig model, String requested, Optional<String> newModel) {
        RequestFilters filters = model.extras().filters();
        Map<String, Object> set = new LinkedHashMap<>(filters.setParams());
        set.putAll(filters.setParamsByID().getOrDefault(requested, Map.of()));
        set.remove("model");
        Set<String> strip = new TreeSet<>(model.stripParams());
        strip.remove("model");
        return new BodyEdits(newModel.orElse(null), strip, set);
    }
}
