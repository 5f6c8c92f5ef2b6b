package dev.swapdeck.routing;

import dev.swapdeck.config.GroupRule;
import dev.swapdeck.config.SwapdeckConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which resident models a request evicts: the swapper of the configuration. A pure function
 * of (target, requested profile, resident set, active profile): no threads, no processes, so every
 * rule is a table test.
 *
 * <ul>
 *   <li>{@code profile:model} (a seed-era list profile): the profile's members become the running set;
 *       residents outside it go.</li>
 *   <li>a plain request for a member of the active list profile: nothing goes, the profile stays active.</li>
 *   <li>any other plain request: the configuration's rule decides ({@link GroupSwapper}, one model at a
 *       time when no group is declared, or {@link MatrixSwapper}); no list profile is active afterwards.</li>
 * </ul>
 */
public final class SwapPolicy {

    /** The outcome: models to stop before the target may run, and the profile active afterwards. */
    public record Plan(Set<String> evict, Optional<String> activeProfile) {
        public Plan {
            evict = Set.copyOf(evict);
        }

        public boolean needsSwap() {
            return !evict.isEmpty();
        }
    }

    private final Map<String, List<String>> profiles;
    private final Swapper rule;

    public SwapPolicy(Map<String, List<String>> profiles, Swapper rule) {
        this.profiles = Map.copyOf(profiles);
        this.rule = rule;
    }

    /** One model at a time outside list profiles: llama-swap's behaviour with no groups. */
    public SwapPolicy(Map<String, List<String>> profiles) {
        this(profiles, new GroupSwapper(List.of(), List.of()));
    }

    /** The policy a configuration asks for: its matrix if it has one in force, else its groups. */
    public static SwapPolicy of(SwapdeckConfig config) {
        Swapper rule = config.routing().matrix().<Swapper>map(MatrixSwapper::new)
                .orElseGet(() -> new GroupSwapper(groups(config), config.models().keySet()));
        return new SwapPolicy(config.profiles(), rule);
    }

    /**
     * The declared groups; with a {@code memory:} section, models no group names share one group whose
     * members neither swap nor exclude (memory decides what fits, not llama-swap's one-at-a-time default).
     */
    private static List<GroupRule> groups(SwapdeckConfig config) {
        if (!config.memory().enabled()) {
            return config.routing().groups();
        }
        List<GroupRule> groups = new ArrayList<>(config.routing().groups());
        List<String> grouped = groups.stream().flatMap(g -> g.members().stream()).toList();
        groups.add(GroupRule.sharing(config.models().keySet().stream().filter(m -> !grouped.contains(m)).toList()));
        return groups;
    }

    public Swapper rule() {
        return rule;
    }

    public Plan plan(String target, Optional<String> requestedProfile, Set<String> resident,
                     Optional<String> activeProfile) {
        if (requestedProfile.isPresent()) {
            String profile = requestedProfile.get();
            return new Plan(without(resident, members(profile)), requestedProfile);
        }
        if (activeProfile.isPresent() && members(activeProfile.get()).contains(target)) {
            return new Plan(Set.of(), activeProfile);
        }
        return new Plan(rule.evictionFor(target, resident), Optional.empty());
    }

    private List<String> members(String profile) {
        List<String> members = profiles.get(profile);
        if (members == null) {
            throw new IllegalArgumentException("unknown profile: " + profile);
        }
        return members;
    }

    private static Set<String> without(Set<String> resident, List<String> keep) {
        Set<String> evict = new LinkedHashSet<>(resident);
        keep.forEach(evict::remove);
        return evict;
    }
}
