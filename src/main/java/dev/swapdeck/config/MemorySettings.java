package dev.swapdeck.config;

import dev.swapdeck.memory.ByteSize;
import dev.swapdeck.memory.MemoryConfig;
import dev.swapdeck.memory.ModelMemory;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads SPEC §11's settings: the top-level {@code memory:} section ({@code budget}, {@code reserve})
 * and each model's {@code memory} and {@code pinned}. Sizes are llama-style strings ({@link ByteSize}).
 */
final class MemorySettings {

    private MemorySettings() {
    }

    /** The top-level section; {@link MemoryConfig#OFF} when absent. An empty {@code memory:} turns it on. */
    static MemoryConfig read(YamlNodes.Entry section, Problems p) {
        if (section == null) {
            return MemoryConfig.OFF;
        }
        if (YamlNodes.isNull(section.value())) {
            return new MemoryConfig(true, Optional.empty(), 0);
        }
        Map<String, YamlNodes.Entry> keys = YamlNodes.mapping(section.value(), section.path(),
                "a mapping (budget: 22GiB, reserve: 1GiB)", p).orElse(Map.of());
        Optional<Long> budget = Optional.empty();
        long reserve = 0;
        for (YamlNodes.Entry e : keys.values()) {
            switch (e.key()) {
                case "budget": budget = size(e, p).map(Located::value); break;
                case "reserve": reserve = size(e, p).map(Located::value).orElse(0L); break;
                default: IgnoredKeys.unknown(e, p);
            }
        }
        if (budget.isPresent() && budget.get() == 0) {
            p.error(keys.get("budget").value(), "memory.budget", "a budget of 0 leaves no room for any model; "
                    + "leave budget out to use the total of the GPUs");
        } else if (budget.isPresent() && reserve >= budget.get()) {
            p.error(keys.get("reserve").value(), "memory.reserve", "the reserve (" + ByteSize.format(reserve)
                    + ") leaves nothing of the budget (" + ByteSize.format(budget.get()) + ")");
        }
        return new MemoryConfig(true, budget, reserve);
    }

    /** A model's {@code memory:} value. */
    static Optional<Located<Long>> size(YamlNodes.Entry e, Problems p) {
        Optional<Located<String>> text = YamlNodes.text(e.value(), e.path(), p);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(text.get().with(ByteSize.parse(text.get().value())));
        } catch (IllegalArgumentException ex) {
            p.error(e.value(), e.path(), ex.getMessage());
            return Optional.empty();
        }
    }

    static ModelMemory model(ModelSection s) {
        return new ModelMemory(Optional.ofNullable(s.memory).map(Located::value), s.pinned);
    }

    /** Per-model settings do nothing without the section; say so rather than ignore them silently. */
    static void warnIfUnused(MemoryConfig memory, List<ModelSection> sections, Problems p) {
        if (memory.enabled()) {
            return;
        }
        for (ModelSection s : sections) {
            if (s.memory != null || s.pinnedNode != null) {
                String key = s.memory != null ? "memory" : "pinned";
                p.warn(s.memory != null ? s.memory.node() : s.pinnedNode, s.path + "." + key,
                        "has no effect without a top-level memory: section (add memory: {} to swap by what fits)");
            }
        }
    }
}
