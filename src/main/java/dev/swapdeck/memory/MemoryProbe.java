package dev.swapdeck.memory;

import dev.swapdeck.logging.ProxyLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Measures memory and attributes it to models: nvidia-smi when it answers, else RAM from
 * {@code /proc} (each model's process tree's resident memory against {@code /proc/meminfo}).
 *
 * <p>The first sample decides: if nvidia-smi fails then, Swapdeck says so once and accounts in RAM
 * for the rest of its run. If it fails later, after having answered, the failure is reported once per
 * streak and the last GPU reading stands (a stuck driver must not turn GPU numbers into RAM numbers).
 * Blocking and single-threaded: only the {@link MemoryMonitor}'s thread calls it.
 */
final class MemoryProbe {
    private final NvidiaSmi smi;
    private final Path proc;
    private final ProxyLog log;
    private final Clock clock;
    private Optional<Boolean> gpu = Optional.empty();
    private Reading lastGpu;
    /** When {@link #lastGpu} was read. */
    private Instant lastGpuAt;
    /** While nvidia-smi fails, why: the figures are not a GPU reading taken now. */
    private Optional<String> problem = Optional.empty();
    /** The reading's pids that were alive at the previous sample. */
    private Set<Long> seenAlive = Set.of();

    MemoryProbe(NvidiaSmi smi, Path proc, ProxyLog log, Clock clock) {
        this.smi = smi;
        this.proc = proc;
        this.log = log;
        this.clock = clock;
    }

    /**
     * One sample. The models' pids are asked for before and after the reading and both are used, so a
     * model that starts or stops while nvidia-smi runs is still credited with its memory rather than
     * counted as another program's (which would shrink the room and could refuse a request).
     */
    Sample sample(Supplier<Map<String, Long>> rootPids) throws IOException {
        Map<String, Set<Long>> roots = new HashMap<>();
        add(roots, rootPids.get());
        Optional<Reading> gpuReading = readGpu();
        ProcTable table = ProcTable.read(proc);
        add(roots, rootPids.get());
        Reading reading = gpuReading.isPresent() ? gpuReading.get() : ram(roots, table);
        Instant at = gpuReading.isPresent() ? lastGpuAt : clock.instant();
        Sample sample = Sample.attribute(reading, roots, table, seenAlive, at);
        // a reading nvidia-smi did not renew still lists what exited since: it stays gone, not another program's
        seenAlive = gpuReading.isPresent() && problem.isPresent() ? new HashSet<>(seenAlive) : new HashSet<>();
        reading.byPid().keySet().stream().filter(table::alive).forEach(seenAlive::add);
        return sample;
    }

    /** Whether the last sample's reading was taken then: false while nvidia-smi fails and an older one stands in. */
    boolean renewed() {
        return problem.isEmpty();
    }

    /**
     * While nvidia-smi fails, why: after it has answered (the last reading stands, dated when it was
     * read), or before its first answer (RAM stands in); empty otherwise.
     */
    Optional<String> problem() {
        return problem;
    }

    private static void add(Map<String, Set<Long>> roots, Map<String, Long> pids) {
        pids.forEach((model, pid) -> roots.computeIfAbsent(model, k -> new HashSet<>()).add(pid));
    }

    /** The GPU reading, or empty when Swapdeck accounts in RAM. */
    private Optional<Reading> readGpu() {
        if (!gpu.orElse(true)) {
            return Optional.empty();
        }
        try {
            lastGpu = smi.read();
            lastGpuAt = clock.instant();
            gpu = Optional.of(true);
            if (problem.isPresent()) {
                log.info("memory: " + smi.program() + " answers again");
            }
            problem = Optional.empty();
            return Optional.of(lastGpu);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                return Optional.ofNullable(lastGpu); // Swapdeck is stopping: the probe was cut short, nothing failed
            }
            if (gpu.isEmpty() && e instanceof NvidiaSmi.NoAnswer) {
                // nvidia-smi can take seconds at first (a driver without persistence mode): ask again next time
                if (problem.isEmpty()) {
                    log.warn("memory: " + e.getMessage() + "; accounting models' memory in RAM until it answers");
                }
                problem = Optional.of(e.getMessage());
                return Optional.empty();
            }
            if (gpu.isEmpty()) {
                gpu = Optional.of(false);
                problem = Optional.empty(); // RAM is the source for this run: its readings are renewed from now on
                log.warn("memory: no GPU reading (" + e.getMessage() + "); accounting models' memory in RAM "
                        + "for this run" + (NvidiaSmi.missing(e) ? ". Set " + NvidiaSmi.ENV_VARIABLE
                        + " if nvidia-smi is not on PATH" : ""));
                return Optional.empty();
            }
            if (problem.isEmpty()) {
                log.warn("memory: " + smi.program() + " failed (" + e.getMessage()
                        + "); planning with its last reading until it answers again");
            }
            problem = Optional.of(e.getMessage().startsWith(smi.program()) ? e.getMessage()
                    : smi.program() + " failed (" + e.getMessage() + ")");
            return Optional.of(lastGpu);
        }
    }

    private Reading ram(Map<String, Set<Long>> roots, ProcTable table) throws IOException {
        Map<Long, Long> byPid = new HashMap<>();
        for (Set<Long> pids : roots.values()) {
            for (long root : pids) {
                for (long pid : table.tree(root)) {
                    byPid.computeIfAbsent(pid, table::resident);
                }
            }
        }
        return new Reading(Reading.Source.RAM, java.util.List.of(ProcTable.ram(proc)), byPid);
    }
}
