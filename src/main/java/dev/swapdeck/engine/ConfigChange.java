package dev.swapdeck.engine;

import dev.swapdeck.config.SwapdeckConfig;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What a reload from {@code before} to {@code after} keeps running and starts. */
record ConfigChange(SwapdeckConfig before, SwapdeckConfig after) {
    /**
     * The models whose settings are the same in both: they keep running. None when the top-level
     * {@code healthCheckTimeout} changed, which applies from each model's next start.
     */
    Set<String> unchanged() {
        if (!before.healthCheckTimeout().equals(after.healthCheckTimeout())) {
            return Set.of();
        }
        Set<String> same = new TreeSet<>();
        before.models().forEach((id, model) -> {
            if (model.equals(after.models().get(id))) {
                same.add(id);
            }
        });
        return same;
    }

    /**
     * The models the edit added to the startup hook's {@code preload}: as llama-swap, whose reload runs
     * the hook again, but only for these, so a preloaded model the user unloaded is not started again
     * by an edit elsewhere.
     */
    List<String> newlyPreloaded() {
        return after.preload().stream().filter(m -> !before.preload().contains(m)).toList();
    }
}
