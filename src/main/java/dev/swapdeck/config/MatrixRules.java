package dev.swapdeck.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * llama-swap's swap matrix, compiled: the sets in the order they are weighed (ties go to the earlier
 * set) and the cost of evicting each model (1 unless {@code evict_costs} says otherwise).
 *
 * @param sets       every set, each after the sets it references, otherwise in definition order
 * @param evictCosts model id to cost, vars already resolved
 */
public record MatrixRules(List<MatrixSet> sets, Map<String, Integer> evictCosts) {

    /** One named set as written and as parsed. */
    public record MatrixSet(String name, String expression, MatrixExpression root) {
    }

    public MatrixRules {
        sets = List.copyOf(sets);
        evictCosts = Collections.unmodifiableMap(new LinkedHashMap<>(evictCosts));
    }

    public int evictCost(String model) {
        return evictCosts.getOrDefault(model, 1);
    }
}
