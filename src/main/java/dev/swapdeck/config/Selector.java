package dev.swapdeck.config;

import java.util.List;
import java.util.Optional;

/**
 * A llama-swap selector: a virtual model id that names a real model per request.
 *
 * @param strategy how a target is chosen
 * @param targets  model ids, aliases or names Swapdeck does not know (peer models), in file order
 */
public record Selector(String id, Strategy strategy, List<String> targets, Optional<String> name,
        Optional<String> description) {

    public enum Strategy {
        /** The first ready target, else the first starting one, else the first target. */
        WARM,
        /** Always the first target. */
        PIN
    }

    public Selector {
        targets = List.copyOf(targets);
    }
}
