package dev.swapdeck.bench;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.memory.ByteSize;
import dev.swapdeck.memory.Cadence;
import dev.swapdeck.memory.MemoryConfig;
import dev.swapdeck.memory.MemoryModels;
import dev.swapdeck.memory.MemoryMonitor;
import dev.swapdeck.memory.ModelSpec;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.routing.Holder;
import dev.swapdeck.routing.MemoryRoom;
import dev.swapdeck.routing.Route;
import dev.swapdeck.routing.SwapPolicy;
import dev.swapdeck.testing.FakeNvidiaSmi;
import dev.swapdeck.testing.TestModels;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Figure 8: what memory-aware swapping costs (SPEC §11). Planning: {@link MemoryRoom#refine} (the
 * router's call, predictions and the planner) with 50 models configured, 49 running at 1 GiB each
 * in a 40 GiB budget, so every plan evicts ten. Probe: the CPU one sample takes (the two queries
 * against a scripted nvidia-smi, one pass over {@code /proc}), this JVM's and its children's, and
 * what that makes at the idle cadence. Runs in the benchmark's own JVM: no Swapdeck process needed.
 */
final class MemoryPlanning {
    static final int MODELS = 50;
    private static final int SAMPLES = 50;

    private final Path scratch;

    MemoryPlanning(Path scratch) {
        this.scratch = scratch;
    }

    /** Runs this figure alone: {@code java -cp <test classpath> dev.swapdeck.bench.MemoryPlanning}. */
    public static void main(String[] args) throws Exception {
        Path scratch = Files.createTempDirectory("swapdeck-memory-bench");
        Results results = new Results();
        new MemoryPlanning(scratch).run(results);
        results.print(System.out);
        System.exit(0);
    }

    void run(Results results) throws Exception {
        System.out.println("memory: planning with " + MODELS + " models, then probe cost");
        LogHub logs = new LogHub(new EventBus());
        FakeNvidiaSmi smi = new FakeNvidiaSmi(Files.createDirectories(scratch.resolve("memory")), "80GiB");
        List<ModelConfig> models = new ArrayList<>();
        for (int i = 0; i < MODELS; i++) {
            models.add(TestModels.model(String.format("m%02d", i)).memory("1GiB").build());
        }
        try (MemoryMonitor monitor = new MemoryMonitor(smi.options(scratch.resolve("memory-state")), Map::of,
                logs.bus(), logs)) {
            monitor.configure(new MemoryModels(new MemoryConfig(true, Optional.of(40 * ByteSize.GIB), 0),
                    models.stream().map(m -> new ModelSpec(m.id(), m.memory(), m.cmd())).toList(), monitor.footprints()));
            planning(results, new MemoryRoom(monitor), models);
            probe(results, monitor);
        } finally {
            smi.close();
        }
    }

    private static void planning(Results results, MemoryRoom room, List<ModelConfig> models) {
        List<Holder> holders = new ArrayList<>();
        for (int i = 1; i < MODELS; i++) {
            holders.add(new Holder(models.get(i).id(), ProcessState.READY, false, false, i));
        }
        Route route = new Route("m00", models.get(0), Optional.empty());
        SwapPolicy.Plan rules = new SwapPolicy.Plan(Set.of(), Optional.empty());
        int evicted = 0;
        for (int i = 0; i < 50_000; i++) {
            evicted = room.refine(route, rules, holders).evict().size();
        }
        List<Double> perPlanMicros = new ArrayList<>();
        for (int round = 0; round < 9; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < 10_000; i++) {
                room.refine(route, rules, holders);
            }
            perPlanMicros.add((System.nanoTime() - start) / 10_000 / 1000.0);
        }
        double median = Stats.median(perPlanMicros);
        results.add("8. planning a swap, 50 models configured (" + evicted + " evicted)", "—",
                String.format("%.1f µs", median), "—", "<= 1 ms", median <= 1000);
    }

    private static void probe(Results results, MemoryMonitor monitor) throws IOException {
        monitor.sampleBlocking();
        long cpuBefore = cpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < SAMPLES; i++) {
            monitor.sampleBlocking();
        }
        double wallMs = (System.nanoTime() - start) / 1e6 / SAMPLES;
        double cpuMs = (cpuNanos() - cpuBefore) / 1e6 / SAMPLES;
        double idlePercent = cpuMs / Cadence.DEFAULT.idle().toMillis() * 100;
        results.add("8. probe: one sample (2 queries + /proc), CPU / wall", "—",
                String.format("%.1f ms / %.1f ms", cpuMs, wallMs), "—", "—", null);
        results.add("8. ... idle, one sample per " + Cadence.DEFAULT.idle().toSeconds() + " s", "—",
                String.format("%.2f %% of a core", idlePercent), "—", "<= 1 %", idlePercent <= 1);
    }

    /** This JVM's CPU time plus that of its children that have been waited for (the queries). */
    private static long cpuNanos() throws IOException {
        long own = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long childTicks = Long.parseLong(f[13]) + Long.parseLong(f[14]);
        return own + childTicks * 10_000_000L;
    }
}
