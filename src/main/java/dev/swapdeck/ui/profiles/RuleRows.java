package dev.swapdeck.ui.profiles;

import dev.swapdeck.config.GroupRule;
import dev.swapdeck.config.PinProfile;
import dev.swapdeck.config.RoutingRules;
import dev.swapdeck.config.Selector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The text each kind of row shows, from the configuration: one place for the wording. */
final class RuleRows {
    /** A row's identity (kind and name) and its text. */
    record Entry(ProfileRow.Kind kind, String name, String text) {
        String key() {
            return kind + "/" + name;
        }
    }

    private RuleRows() {
    }

    static List<Entry> of(Map<String, List<String>> sets, RoutingRules rules) {
        List<Entry> entries = new ArrayList<>();
        sets.keySet().stream().sorted().forEach(n -> entries.add(new Entry(ProfileRow.Kind.SET, n,
                String.join(", ", sets.get(n)))));
        rules.pinProfiles().values().stream().sorted((a, b) -> a.name().compareTo(b.name()))
                .forEach(p -> entries.add(new Entry(ProfileRow.Kind.PINS, p.name(), pins(p))));
        rules.groups().forEach(g -> entries.add(new Entry(ProfileRow.Kind.GROUP, g.name(), group(g))));
        rules.matrix().ifPresent(m -> m.sets().forEach(s -> entries.add(new Entry(ProfileRow.Kind.MATRIX_SET,
                s.name(), s.expression()))));
        rules.selectors().values().forEach(s -> entries.add(new Entry(ProfileRow.Kind.SELECTOR, s.id(), selector(s))));
        return entries;
    }

    private static String pins(PinProfile profile) {
        Map<String, String> shown = new LinkedHashMap<>();
        profile.pins().forEach((pin, target) -> shown.put(pin, target.orElse("(off)")));
        List<String> parts = new ArrayList<>();
        shown.forEach((pin, target) -> parts.add(pin + " → " + target));
        return String.join(", ", parts);
    }

    private static String group(GroupRule group) {
        List<String> traits = new ArrayList<>();
        traits.add(group.swap() ? "one at a time" : "together");
        traits.add(group.exclusive() ? "exclusive" : "not exclusive");
        if (group.persistent()) {
            traits.add("persistent");
        }
        // every member unknown (skipped, each with its warning in the proxy log): say so, not a blank
        String members = group.members().isEmpty() ? "no configured model" : String.join(", ", group.members());
        return members + " (" + String.join(" · ", traits) + ")";
    }

    private static String selector(Selector selector) {
        return selector.strategy().name().toLowerCase(Locale.ROOT) + ": " + String.join(", ", selector.targets());
    }
}
