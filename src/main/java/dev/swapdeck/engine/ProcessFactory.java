package dev.swapdeck.engine;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.process.ModelProcess;

/** Creates the process owner for one model of a configuration. */
@FunctionalInterface
public interface ProcessFactory {
    ModelProcess create(ModelConfig model, SwapdeckConfig config, LogHub logs);
}
