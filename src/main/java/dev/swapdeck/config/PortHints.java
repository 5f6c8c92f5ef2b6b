package dev.swapdeck.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * The ports {@code ${PORT}} gave models in the configuration a reload replaces. Kept where they still
 * fit (same {@code startPort}, not taken), so that adding or removing a model does not renumber every
 * model after it in id order, which would change their commands and restart them. A first load has
 * none: ports then depend on the file alone, as in llama-swap.
 */
public record PortHints(int startPort, Map<String, Integer> ports) {
    public static final PortHints NONE = new PortHints(-1, Map.of());

    public PortHints {
        ports = Map.copyOf(ports);
    }

    /** The ports {@code config}'s models were given. */
    public static PortHints of(SwapdeckConfig config) {
        Map<String, Integer> ports = new TreeMap<>();
        config.models().values().forEach(m -> m.port().ifPresent(port -> ports.put(m.id(), port)));
        return new PortHints(config.startPort(), ports);
    }

    /** The port to keep for {@code model} under {@code startPort}, or null. */
    Integer keptFor(String model, int startPort) {
        return startPort == this.startPort ? ports.get(model) : null;
    }
}
