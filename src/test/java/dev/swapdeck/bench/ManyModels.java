package dev.swapdeck.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Figure 5b: the cost of the process and log machinery with 50 configured models, all running side
 * by side in one profile. Each model is a small shell loop printing a line every 100 ms (500 lines/s
 * in all), ready as soon as spawned ({@code checkEndpoint: none}): the figure is Swapdeck's own
 * threads, memory and CPU per running child, not the children's.
 */
final class ManyModels {
    static final int MODELS = 50;
    private static final int CPU_WINDOW_MS = 5_000;

    private final BenchEnv env;

    ManyModels(BenchEnv env) {
        this.env = env;
    }

    void run(Results results) {
        System.out.println("many models: " + MODELS + " configured, then all running");
        ConfigYaml config = new ConfigYaml();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= MODELS; i++) {
            String id = String.format("m%02d", i);
            ids.add(id);
            config.model(id, 20000 + i, List.of("sh", "-c", "while :; do echo tick from " + id + "; sleep 0.1; done"),
                    "checkEndpoint: none");
        }
        config.profile("all", ids);
        try (SwapdeckUnderTest swapdeck = new SwapdeckUnderTest(env, "many-models", config)) {
            long pid = swapdeck.pid();
            SwapdeckUnderTest.sleep(1000);
            Sample idle = sample(pid);
            List<CompletableFuture<Void>> loads = new ArrayList<>();
            ids.forEach(id -> loads.add(CompletableFuture.runAsync(() -> swapdeck.load("all:" + id))));
            loads.forEach(CompletableFuture::join);
            SwapdeckUnderTest.sleep(1000);
            Sample running = sample(pid);
            int perModel = Math.round((running.threads - idle.threads) / (float) MODELS);
            results.add("5. " + MODELS + " models configured, idle vs all running: threads", Integer.toString(idle.threads),
                    Integer.toString(running.threads), String.format("%+d (%d per model)", running.threads - idle.threads,
                            perModel), "—", null);
            results.add("5. ... RSS", idle.rssMb + " MB", running.rssMb + " MB",
                    String.format("%+d MB", running.rssMb - idle.rssMb), "—", null);
            results.add("5. ... live heap (logs full: 500 lines/s)", idle.heapMb + " MB", running.heapMb + " MB",
                    String.format("%+d MB", running.heapMb - idle.heapMb), "—", null);
            results.add("5. ... Swapdeck CPU", String.format("%.1f %%", idle.cpuPercent),
                    String.format("%.1f %%", running.cpuPercent),
                    String.format("%+.1f points", running.cpuPercent - idle.cpuPercent), "—", null);
        }
    }

    private record Sample(int threads, long rssMb, long heapMb, double cpuPercent) {
    }

    private Sample sample(long pid) {
        long cpu0 = ProcStats.cpuMillis(pid);
        SwapdeckUnderTest.sleep(CPU_WINDOW_MS);
        double cpuPercent = 100.0 * (ProcStats.cpuMillis(pid) - cpu0) / CPU_WINDOW_MS;
        return new Sample(ProcStats.threads(pid), ProcStats.rssMb(pid), ProcStats.liveHeapMb(env, pid), cpuPercent);
    }
}
