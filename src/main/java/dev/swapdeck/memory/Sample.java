package dev.swapdeck.memory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Memory at one moment, attributed: what each model's process tree uses and what every other
 * program uses ({@code used} minus Swapdeck's share, never below zero).
 *
 * @param byModel  bytes per model id, for the models that had a process when sampled
 */
public record Sample(Reading.Source source, Instant at, List<Device> devices, Map<String, Long> byModel) {

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
        return Math.max(0, used() - swapdeck());
    }

    public long measured(String model) {
        return byModel.getOrDefault(model, 0L);
    }

    /** Each pid goes to the model whose process tree holds it; pids in no tree are other programs'. */
    static Sample attribute(Reading reading, Map<String, Long> rootPids, ProcTable table, Instant at) {
        Map<String, Long> byModel = new TreeMap<>();
        rootPids.forEach((model, root) -> {
            long sum = 0;
            for (long pid : table.tree(root)) {
                sum += reading.byPid().getOrDefault(pid, 0L);
            }
            byModel.put(model, sum);
        });
        return new Sample(reading.source(), at, reading.devices(), byModel);
    }
}
