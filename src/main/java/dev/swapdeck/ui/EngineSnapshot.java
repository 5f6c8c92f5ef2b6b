package dev.swapdeck.ui;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.engine.ConfigRejected;
import dev.swapdeck.engine.Engine;
import dev.swapdeck.loading.LoadProgress;
import dev.swapdeck.memory.MemoryReport;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.routing.ModelStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the window shows, read from the engine in one go (once per pulse at most, see
 * {@link FxEventBridge}), with the models of {@code peers:}, which run elsewhere and have no
 * process here. View-models apply a snapshot; they never query the engine for state
 * themselves, so every view shows the same moment. {@code loads} holds the progress of each start
 * under way, by model id (issue 14's learned load times); {@code rejection} the last file a reload refused
 * since the configuration in force took effect. {@code nanos} is the moment read, on
 * {@link System#nanoTime}'s scale: the durations shown (uptime, time in a state, a start's progress)
 * are measured against it, so a wall-clock jump leaves them alone.
 */
public record EngineSnapshot(
        SwapdeckConfig config,
        List<ModelStatus> models,
        List<ModelConfig> remoteModels,
        Optional<String> activeProfile,
        boolean shuttingDown,
        long nanos,
        Optional<String> activePinProfile,
        Optional<MemoryReport> memory,
        Map<String, LoadProgress> loads,
        Optional<ConfigRejected> rejection) {

    public EngineSnapshot {
        models = List.copyOf(models);
        remoteModels = List.copyOf(remoteModels);
        loads = Map.copyOf(loads);
    }

    public static EngineSnapshot of(Engine engine) {
        List<ModelStatus> models = engine.models();
        Map<String, LoadProgress> loads = new HashMap<>();
        for (ModelStatus model : models) {
            if (model.process().state() == ProcessState.STARTING) {
                engine.loads().current(model.id()).ifPresent(progress -> loads.put(model.id(), progress));
            }
        }
        return new EngineSnapshot(engine.config(), models, engine.remoteModels(), engine.activeProfile(),
                engine.isShuttingDown(), System.nanoTime(), engine.activePinProfile(), engine.memory(), loads,
                engine.lastRejection());
    }

    /** Requests being served or waiting, all models together (Load commands are not requests). */
    public int requestsInFlight() {
        return models.stream().mapToInt(ModelStatus::inFlight).sum();
    }

    /** Models whose process exists: starting, ready or stopping. */
    public int runningCount() {
        return (int) models.stream().map(m -> m.process().state())
                .filter(s -> s == ProcessState.STARTING || s == ProcessState.READY || s == ProcessState.STOPPING)
                .count();
    }
}
