package dev.swapdeck.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What decides which models run together and in which order waiting requests are served (SPEC §4,
 * §10): llama-swap's groups or matrix, current profiles (pins), selectors, FIFO priorities, and
 * Swapdeck's {@code maxQueueWait}. Seed-era list profiles stay in {@link SwapdeckConfig#profiles()}.
 *
 * @param matrix       present when {@code routing.router.use: matrix} (or a top-level {@code matrix:})
 * @param groups       the declared groups in file order (used when no matrix); ungrouped models run
 *                     in llama-swap's implicit {@code (default)} group
 * @param pinProfiles  current profiles by name, in file order
 * @param selectors    by virtual model id, in file order
 * @param priority     model id to FIFO priority (higher first; unlisted models 0)
 * @param maxQueueWait how long a request may wait behind requests that jump ahead of it
 */
public record RoutingRules(
        Optional<MatrixRules> matrix,
        List<GroupRule> groups,
        Map<String, PinProfile> pinProfiles,
        Map<String, Selector> selectors,
        Map<String, Integer> priority,
        Duration maxQueueWait) {

    public static final Duration DEFAULT_MAX_QUEUE_WAIT = Duration.ofSeconds(30);

    /** No groups, no matrix, no pins, no selectors: one model at a time, first come first served. */
    public static final RoutingRules NONE = new RoutingRules(Optional.empty(), List.of(), Map.of(), Map.of(),
            Map.of(), DEFAULT_MAX_QUEUE_WAIT);

    public RoutingRules {
        groups = List.copyOf(groups);
        pinProfiles = Collections.unmodifiableMap(new LinkedHashMap<>(pinProfiles));
        selectors = Collections.unmodifiableMap(new LinkedHashMap<>(selectors));
        priority = Map.copyOf(priority);
    }

    public int priority(String model) {
        return priority.getOrDefault(model, 0);
    }

    /** The declared group a model belongs to, if any. */
    public Optional<GroupRule> groupOf(String model) {
        return groups.stream().filter(g -> g.members().contains(model)).findFirst();
    }

    /** The router llama-swap would use: {@code matrix} or {@code group}. */
    public String router() {
        return matrix.isPresent() ? "matrix" : "group";
    }
}
