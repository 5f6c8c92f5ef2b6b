package dev.swapdeck.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * llama-swap's {@code filters.setParams} and {@code filters.setParamsByID} of a model or a peer
 * (its {@code stripParams} lives next to it). Values are plain JSON-like Java values: maps, lists,
 * strings, {@code Long}, {@code Double}, {@code Boolean} and null. {@code model} is never among the
 * keys: the loader drops it with a warning, because the proxy routes by it.
 *
 * @param setParams     keys set (or replaced) in every forwarded JSON body; a dotted key is a path
 * @param setParamsByID by the name the client requested: keys set after {@code setParams}
 */
public record RequestFilters(Map<String, Object> setParams, Map<String, Map<String, Object>> setParamsByID) {

    public static final RequestFilters NONE = new RequestFilters(Map.of(), Map.of());

    public RequestFilters {
        setParams = Collections.unmodifiableMap(new LinkedHashMap<>(setParams));
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        setParamsByID.forEach((id, params) -> byId.put(id, Collections.unmodifiableMap(new LinkedHashMap<>(params))));
        setParamsByID = Collections.unmodifiableMap(byId);
    }

    public boolean isEmpty() {
        return setParams.isEmpty() && setParamsByID.isEmpty();
    }
}
