package dev.swapdeck.config;

import java.util.List;

/**
 * One llama-swap group (top-level {@code groups:} or {@code routing.router.settings.groups}).
 * llama-swap's defaults: {@code swap: true}, {@code exclusive: true}, {@code persistent: false}.
 *
 * @param swap       true: one member runs at a time; false: members run together
 * @param exclusive  true: running a member stops every other group's members (unless persistent)
 * @param persistent true: other groups' exclusive members never stop this group's members
 * @param members    model ids, in file order
 */
public record GroupRule(String name, boolean swap, boolean exclusive, boolean persistent, List<String> members) {

    /** The group llama-swap puts every model in that no group names. */
    public static final String DEFAULT_NAME = "(default)";

    public GroupRule {
        members = List.copyOf(members);
    }

    /** With memory-aware swapping, ungrouped models run side by side as far as memory allows. */
    public static GroupRule sharing(List<String> members) {
        return new GroupRule(DEFAULT_NAME, false, false, false, members);
    }

    /** The implicit group of ungrouped models: one at a time, exclusive. */
    public static GroupRule implicit(List<String> members) {
        return new GroupRule(DEFAULT_NAME, true, true, false, members);
    }
}
