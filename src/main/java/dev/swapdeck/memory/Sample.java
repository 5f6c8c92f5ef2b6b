package dev.swapdeck.memory;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Memory at one moment, attributed: what each model's process tree uses and what every other
 * program uses.
 *
 * @param byModel  bytes per model id, for the models that had a process when sampled (not one whose
 *                 process had exited by the time the process tree was read, and the reading listed none of)
 * @param gone     bytes the reading still lists for processes that were alive at the previous sample
 *                 and had exited by the time the process tree was read (memory being freed): counted
 *                 as nobody's, so a model that just stopped never looks like another program. A pid
 *                 never seen alive (another pid namespace: a container, or a host's pids seen from
 *                 one) is another program's.
 * @param listedOther bytes the reading credits to processes in no model's tree (and not gone): other
 *                 programs', whatever else the sample shows
 */
public record Sample(Reading.Source source, Instant at, List<Device> devices, Map<String, Long> byModel, long gone,
                     long listedOther) {

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

    /**
     * What Swapdeck's models use together: each model with a process at what the reading credits to its
     * processes or, where that is nothing, at {@code standIn} (its prediction). nvidia-smi writes
     * {@code [N/A]} per process on WSL2, and lists no process at all in a container that does not share
     * the host's pids: the model's memory must then not be taken for another program's.
     */
    public long swapdeck(ToLongFunction<String> standIn) {
        return byModel.entrySet().stream()
                .mapToLong(e -> e.getValue() > 0 ? e.getValue() : standIn.applyAsLong(e.getKey())).sum();
    }

    /**
     * What everything else uses: image generation, TTS, a desktop, Swapdeck's own JVM in RAM mode. The
     * processes the reading lists outside every model's tree count whole. The memory it lists for no
     * process (a desktop's graphics, which nvidia-smi's compute query never lists) may also hold the
     * memory of a model credited nothing (see {@link #swapdeck}): nvidia-smi names no process's memory on
     * WSL2 or in a container that does not share the host's pids, nor any server the compute query leaves out.
     * So it is offset by the stand-ins of the models credited nothing that {@code mayHoldUnlisted}
     * names: not a model that starts where readings are known to name a model's processes, which has
     * not allocated yet; counted, it would hide what another program holds.
     */
    public long other(ToLongFunction<String> standIn, Predicate<String> mayHoldUnlisted) {
        long measured = byModel.values().stream().mapToLong(Long::longValue).sum();
        long unlisted = Math.max(0, used() - measured - listedOther - gone);
        long standIns = byModel.entrySet().stream()
                .filter(e -> e.getValue() == 0 && mayHoldUnlisted.test(e.getKey()))
                .mapToLong(e -> standIn.applyAsLong(e.getKey())).sum();
        return listedOther + Math.max(0, unlisted - standIns);
    }

    /** Whether the reading credits memory to some model's processes. */
    boolean creditsAModel() {
        return byModel.values().stream().anyMatch(bytes -> bytes > 0);
    }

    /** Whether {@code model} ran when the sample was taken (its processes were looked for). */
    public boolean runs(String model) {
        return byModel.containsKey(model);
    }

    public long measured(String model) {
        return byModel.getOrDefault(model, 0L);
    }

    /**
     * Each pid goes to the model whose process tree holds it; pids in no tree are other programs',
     * except those alive at the previous sample ({@code seenAlive}) that have exited since.
     */
    static Sample attribute(Reading reading, Map<String, Set<Long>> roots, ProcTable table, Set<Long> seenAlive,
            Instant at) {
        Map<String, Long> byModel = new TreeMap<>();
        roots.forEach((model, pids) -> {
            Set<Long> trees = new HashSet<>();
            pids.forEach(root -> trees.addAll(table.tree(root)));
            long credited = trees.stream().mapToLong(pid -> reading.byPid().getOrDefault(pid, 0L)).sum();
            // one that stopped while the reading was taken, which lists nothing of it, holds nothing: it does not run
            if (credited > 0 || pids.stream().anyMatch(table::alive)) {
                byModel.put(model, credited);
            }
        });
        Set<Long> rootPids = new HashSet<>();
        roots.values().forEach(rootPids::addAll);
        long gone = reading.byPid().entrySet().stream()
                .filter(e -> !table.alive(e.getKey()) && seenAlive.contains(e.getKey()) && !rootPids.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        long credited = byModel.values().stream().mapToLong(Long::longValue).sum();
        long listed = reading.byPid().values().stream().mapToLong(Long::longValue).sum();
        return new Sample(reading.source(), at, reading.devices(), byModel, gone, Math.max(0, listed - credited - gone));
    }
}
