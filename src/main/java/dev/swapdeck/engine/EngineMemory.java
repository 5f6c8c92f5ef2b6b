package dev.swapdeck.engine;

import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.memory.MemoryModels;
import dev.swapdeck.memory.MemoryMonitor;
import dev.swapdeck.memory.MemoryReport;
import dev.swapdeck.memory.ModelSpec;
import dev.swapdeck.routing.MemoryRoom;
import dev.swapdeck.routing.RoomPolicy;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The engine's memory monitor, given each configuration in force (SPEC §11): what it measures for,
 * what the router plans with, what it reports. Outlives reloads as the monitor does.
 */
final class EngineMemory {
    private final MemoryMonitor monitor;

    EngineMemory(MemoryMonitor monitor) {
        this.monitor = monitor;
    }

    /** Hands {@code next}'s memory view to the monitor; a first sample that took longer than its wait gets another. */
    void configure(SwapdeckConfig next) {
        monitor.configure(modelsOf(next));
        if (next.memory().enabled() && monitor.latest().isEmpty()) {
            monitor.requestSample(); // when the probe is free
        }
    }

    /**
     * The first memory-aware configuration, at launch or by a reload, is sampled before it is
     * installed, so that its first request is planned with a sample: on the caller's thread, never
     * under the engine's lifecycle lock (nvidia-smi may take seconds). Meanwhile a reload's old router
     * decides without memory.
     */
    void sampleFirst(SwapdeckConfig next) {
        if (next.memory().enabled() && monitor.latest().isEmpty()) {
            monitor.configure(modelsOf(next));
            monitor.sampleBlocking();
        }
    }

    private MemoryModels modelsOf(SwapdeckConfig next) {
        return new MemoryModels(next.memory(), next.models().values().stream()
                .map(m -> new ModelSpec(m.id(), m.memory(), m.cmd())).toList(), monitor.footprints());
    }

    /** How the router for {@code config} weighs memory: by the monitor's samples, or not at all. */
    RoomPolicy roomFor(SwapdeckConfig config) {
        return config.memory().enabled() ? new MemoryRoom(monitor) : RoomPolicy.NONE;
    }

    Optional<MemoryReport> report(SwapdeckConfig config) {
        return config.memory().enabled() ? Optional.of(monitor.report()) : Optional.empty();
    }

    CompletableFuture<Void> measuredForRefusal() {
        return monitor.measuredForRefusal();
    }

    void close() {
        monitor.close();
    }
}
