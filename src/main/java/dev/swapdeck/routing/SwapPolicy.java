package dev.swapdeck.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which resident models a request evicts. A pure function of (target, requested profile,
 * resident set, active profile, profiles): no threads, no processes, so every rule is a unit test.
 *
 * <ul>
 *   <li>{@code profile:model}: the profile's members become the running set; residents outside it go.</li>
 *   <li>a plain request for a member of the active profile: nothing goes, the profile stays active.</li>
 *   <li>any other plain request: one model at a time; every other resident goes, no profile is active.</li>
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

    public SwapPolicy(Map<String, List<String>> profiles) {
        this.profiles = Map.copyOf(profiles);
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
        return new Plan(without(resident, List.of(target)), Optional.empty());
    }

    /** The profiles {@code model} is a member of, sorted by name. */
    public List<String> profilesOf(String model) {
        List<String> names = new ArrayList<>();
        profiles.forEach((name, members) -> {
            if (members.contains(model)) {
                names.add(name);
            }
        });
        names.sort(null);
        return names;
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
