package dev.swapdeck.memory;

import dev.swapdeck.logging.ProxyLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

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
    private boolean failing;

    MemoryProbe(NvidiaSmi smi, Path proc, ProxyLog log, Clock clock) {
        this.smi = smi;
        this.proc = proc;
        this.log = log;
        this.clock = clock;
    }

    Sample sample(Map<String, Long> rootPids) throws IOException {
        ProcTable table = ProcTable.read(proc);
        return Sample.attribute(read(rootPids, table), rootPids, table, clock.instant());
    }

    private Reading read(Map<String, Long> rootPids, ProcTable table) throws IOException {
        if (gpu.orElse(true)) {
            try {
                lastGpu = smi.read();
                gpu = Optional.of(true);
                if (failing) {
                    log.info("memory: " + smi.program() + " answers again");
                }
                failing = false;
                return lastGpu;
            } catch (IOException e) {
                if (gpu.isEmpty()) {
                    gpu = Optional.of(false);
                    log.warn("memory: no GPU reading (" + e.getMessage() + "); accounting models' memory in RAM "
                            + "instead. Set " + NvidiaSmi.ENV_VARIABLE + " if nvidia-smi is not on PATH");
                } else {
                    if (!failing) {
                        log.warn("memory: " + smi.program() + " failed (" + e.getMessage()
                                + "); planning with its last reading until it answers again");
                    }
                    failing = true;
                    return lastGpu;
                }
            }
        }
        return ram(rootPids, table);
    }

    private Reading ram(Map<String, Long> rootPids, ProcTable table) throws IOException {
        Map<Long, Long> byPid = new HashMap<>();
        for (long root : rootPids.values()) {
            for (long pid : table.tree(root)) {
                byPid.computeIfAbsent(pid, table::resident);
            }
        }
        return new Reading(Reading.Source.RAM, java.util.List.of(ProcTable.ram(proc)), byPid);
    }
}
