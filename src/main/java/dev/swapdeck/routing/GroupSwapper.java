package dev.swapdeck.routing;

import dev.swapdeck.config.GroupRule;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * llama-swap's group rule. Every model belongs to one group; models no group names form the implicit
 * {@code (default)} group ({@code swap: true, exclusive: true}), so with no groups at all one model
 * runs at a time. For a target in group G, a running model M in group H stops when
 * <ul>
 *   <li>H is G and G has {@code swap: true} (members take turns), or</li>
 *   <li>H is not G, G is {@code exclusive} and H is not {@code persistent}.</li>
 * </ul>
 * A non-exclusive group therefore leaves other groups running, even exclusive ones (llama-swap keeps
 * this behaviour of its original process groups).
 */
public final class GroupSwapper implements Swapper {
    private final Map<String, GroupRule> groupOf = new HashMap<>();
    private final GroupRule implicit;

    public GroupSwapper(List<GroupRule> groups, Collection<String> models) {
        groups.forEach(g -> g.members().forEach(m -> groupOf.put(m, g)));
        implicit = GroupRule.implicit(models.stream().filter(m -> !groupOf.containsKey(m)).sorted().toList());
    }

    /** The group a model runs in: a declared one or the implicit {@code (default)}. */
    public GroupRule groupOf(String model) {
        return groupOf.getOrDefault(model, implicit);
    }

    @Override
    public Set<String> evictionFor(String target, Set<String> running) {
        GroupRule own = groupOf(target);
        Set<String> evict = new LinkedHashSet<>();
        for (String other : running) {
            if (other.equals(target)) {
                continue;
            }
            GroupRule theirs = groupOf(other);
            boolean sameGroup = theirs.name().equals(own.name());
            if (sameGroup ? own.swap() : own.exclusive() && !theirs.persistent()) {
                evict.add(other);
            }
        }
        return evict;
    }
}
