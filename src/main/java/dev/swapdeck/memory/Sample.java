package dev.swapdeck.memory;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Memory at one moment, attributed: what each model's process tree uses and what every other
 * program uses ({@code used} minus Swapdeck's share, never below zero).
 *
 * @param byModel  bytes per model id, for the models that had a process when sampled
 * @param gone     bytes the reading still lists for processes that had exited by the time the process
 *                 tree was read (memory being freed): counted as nobody's, so a model that just
 *                 stopped never looks like another program
 */
public record Sample(Reading.Source source, Instant at, List<Device> devices, Map<String, Long> byModel, long gone) {

    public Sample {
        devices = List.copyOf(devices);
        byModel = new TreeMap<>(byModel);
    }

    public long total() {
        return devices.stream().mapToLong(Device::total).sum();
    }

    public long used() {
        return devices.stream().mapToLong(Device::used).sum();
    }

    /** What Swapdeck's models use together. */
    public long swapdeck() {
        return byModel.values().stream().mapToLong(Long::longValue).sum();
    }

    /** What everything else uses: image generation, TTS, a desktop, Swapdeck's own JVM in RAM mode. */
    public long other() {
        return Math.max(0, used() - swapdeck() - gone);
    }

    public long measured(String model) {
        return byModel.getOrDefault(model, 0L);
    }

    /** Each pid goes to the model whose process tree holds it; pids in no tree are other programs'. */
    static Sample attribute(Reading reading, Map<String, Set<Long>> roots, ProcTable table, Instant at) {
        Map<String, Long> byModel = new TreeMap<>();
        roots.forEach((model, pids) -> {
            Set<Long> trees = new HashSet<>();
            pids.forEach(root -> trees.addAll(table.tree(root)));
            byModel.put(model, trees.stream().mapToLong(pid -> reading.byPid().getOrDefault(pid, 0L)).sum());
        });
        Set<Long> rootPids = new HashSet<>();
        roots.values().forEach(rootPids::addAll);
        long gone = reading.byPid().entrySet().stream()
                .filter(e -> !table.alive(e.getKey()) && !rootPids.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        return new Sample(reading.source(), at, reading.devices(), byModel, gone);
    }
}
