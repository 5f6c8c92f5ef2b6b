package dev.swapdeck.bench;

import dev.swapdeck.testing.ChunkedUpload;
import dev.swapdeck.testing.FreePorts;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figure 7: what a careless uploader costs. A Swapdeck of its own (the benchmark's usual 256 MB heap,
 * default 64 MiB body limit and 256 MiB budget, which a quarter of the heap caps at 64 MiB) receives a
 * 384 MiB chunked upload, then three at once; its resident memory is sampled every 10 ms against its
 * idle figure. The single upload must be answered 413; of the three, which together pass the budget
 * before any reaches the limit, the oldest goes on to its 413 and the others get 503: every one must
 * be refused. Targets from issue 8: one upload at most +1.5 x the limit, three within the budget plus
 * 64 MiB.
 */
final class UploadMemory {
    private static final long MIB = 1024 * 1024;
    private static final long UPLOAD = 384 * MIB;
    private static final long LIMIT_MB = 64;
    /** security.bodyBudget's default, capped at a quarter of the 256 MB heap. */
    private static final long BUDGET_MB = Math.min(256, 256 / 4);

    private final BenchEnv env;

    UploadMemory(BenchEnv env) {
        this.env = env;
    }

    void run(Results results) throws Exception {
        System.out.println("uploads: 384 MiB chunked against the 64 MiB limit, one then three at once");
        int port = FreePorts.loopback();
        ConfigYaml config = new ConfigYaml().model("m", port, List.of("/bin/true"));
        try (SwapdeckUnderTest swapdeck = new SwapdeckUnderTest(env, "uploads", config)) {
            long pid = swapdeck.pid();
            upload(swapdeck, 1);
            long idleRss = ProcStats.rssMb(pid);
            long idleHeap = ProcStats.liveHeapMb(env, pid);
            Peak one = upload(swapdeck, 1);
            Peak three = upload(swapdeck, 3);
            long heapAfter = ProcStats.liveHeapMb(env, pid);
            results.add("7. 384 MiB chunked upload vs 64 MiB limit: RSS idle vs peak", idleRss + " MB",
                    one.rssMb + " MB (" + one.refused + "/1 got 413)", String.format("%+d MB", one.rssMb - idleRss),
                    "<= +" + LIMIT_MB * 3 / 2 + " MB", one.refused == 1 && one.rssMb - idleRss <= LIMIT_MB * 3 / 2);
            results.add("7. three such uploads at once: RSS idle vs peak", idleRss + " MB",
                    three.rssMb + " MB (" + three.refused + " got 413, " + three.overBudget + " 503)",
                    String.format("%+d MB", three.rssMb - idleRss), "<= +" + (BUDGET_MB + LIMIT_MB) + " MB",
                    three.refused + three.overBudget == 3 && three.rssMb - idleRss <= BUDGET_MB + LIMIT_MB);
            results.add("7. live heap before vs after the uploads", idleHeap + " MB", heapAfter + " MB",
                    String.format("%+d MB", heapAfter - idleHeap), "—", null);
        }
    }

    /** {@code refused}: answered 413; {@code overBudget}: answered 503 while the budget was full. */
    private record Peak(long rssMb, int refused, int overBudget) {
    }

    /** Runs {@code count} uploads at once while sampling the process's RSS. */
    private static Peak upload(SwapdeckUnderTest swapdeck, int count) throws Exception {
        AtomicLong peak = new AtomicLong(ProcStats.rssMb(swapdeck.pid()));
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread sampler = new Thread(() -> {
            while (!done.isDone()) {
                peak.accumulateAndGet(ProcStats.rssMb(swapdeck.pid()), Math::max);
                SwapdeckUnderTest.sleep(10);
            }
        }, "rss-sampler");
        sampler.start();
        List<CompletableFuture<ChunkedUpload.Result>> uploads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            uploads.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return ChunkedUpload.post(swapdeck.port, "/v1/chat/completions", UPLOAD);
                } catch (Exception e) {
                    return new ChunkedUpload.Result(0, 0, e.toString());
                }
            }));
        }
        int refused = 0;
        int overBudget = 0;
        for (CompletableFuture<ChunkedUpload.Result> upload : uploads) {
            ChunkedUpload.Result result = upload.get();
            refused += result.status() == 413 ? 1 : 0;
            overBudget += result.status() == 503 && result.response().contains("body_budget_exhausted") ? 1 : 0;
        }
        done.complete(null);
        sampler.join();
        return new Peak(peak.get(), refused, overBudget);
    }
}
