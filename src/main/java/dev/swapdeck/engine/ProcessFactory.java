package dev.swapdeck.engine;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.process.ChildProcess;
import dev.swapdeck.process.Children;
import dev.swapdeck.process.ModelProcess;

/** Creates the process owner for one model of a configuration. */
@FunctionalInterface
public interface ProcessFactory {
    ModelProcess create(ModelConfig model, SwapdeckConfig config, LogHub logs);

    /**
     * Real child processes, recorded in {@code children} (so a later run can reclaim them), each
     * stopped with its model's {@code unloadTimeout} as the grace before SIGKILL.
     */
    static ProcessFactory childProcesses(Children children) {
        return (model, config, logs) -> new ChildProcess(model, config.healthCheckTimeout(),
                model.extras().unloadTimeout(), logs, children);
    }

    /** As above, recorded nowhere (tests, and runs without a state folder). */
    static ProcessFactory childProcesses() {
        return childProcesses(Children.unrecorded());
    }
}
