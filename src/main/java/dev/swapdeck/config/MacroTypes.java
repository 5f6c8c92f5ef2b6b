package dev.swapdeck.config;

import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The YAML type each macro was written with ({@code ctx: 4096} is a number, {@code name: "x"} text),
 * so that a value that is exactly {@code ${ctx}} keeps the macro's type wherever it is written
 * ({@link MacroPass}), as in llama-swap. A model's own {@code macros} override the file's. Problems in the
 * macros themselves are reported by {@link Macros}; this only reads.
 */
final class MacroTypes {
    private final Map<String, Tag> tags;

    private MacroTypes(Map<String, Tag> tags) {
        this.tags = tags;
    }

    static final MacroTypes NONE = new MacroTypes(Map.of());

    /** These types plus those of a {@code macros:} mapping node (which may be absent or malformed). */
    MacroTypes with(Node macros) {
        Map<String, Tag> all = new HashMap<>(tags);
        if (macros instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && tuple.getValueNode() instanceof ScalarNode value) {
                    all.put(key.getValue(), value.getTag());
                }
            }
        }
        return new MacroTypes(all);
    }

    /** The tag the macro was written with; {@link Tag#STR} when unknown. */
    Tag of(String name) {
        return tags.getOrDefault(name, Tag.STR);
    }
}
