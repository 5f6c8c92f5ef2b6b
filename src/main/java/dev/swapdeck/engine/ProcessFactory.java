package dev.swapdeck.engine;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.process.ChildProcess;
import dev.swapdeck.process.ModelProcess;

/** Creates the process owner for one model of a configuration. */
@FunctionalInterface
public interface ProcessFactory {
    ModelProcess create(ModelConfig model, SwapdeckConfig config, LogHub logs);

    /** Real child processes, each stopped with its model's {@code unloadTimeout} as the grace before SIGKILL. */
    static ProcessFactory childProcesses() {
        return (model, config, logs) -> new ChildProcess(model, config.healthCheckTimeout(),
                model.extras().unloadTimeout(), logs);
    }
}
