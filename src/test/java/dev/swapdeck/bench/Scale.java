package dev.swapdeck.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Figure 5a: 500 concurrent streaming clients on one model (its concurrencyLimit is 1000), direct and
 * through Swapdeck. Every stream must arrive whole (all chunks and the final {@code [DONE]}); the
 * Swapdeck JVM's threads and resident memory are sampled while the streams run, against its idle
 * figures, and its live heap is read after.
 */
final class Scale {
    static final int CLIENTS = 500;
    private static final int CHUNKS = 100;
    private static final int PAUSE_MS = 20;
    private static final Pattern CHUNK = Pattern.compile("^data: \\{", Pattern.MULTILINE);

    private final BenchEnv env;
    private final SwapdeckUnderTest swapdeck;
    private final int upstreamPort;

    Scale(BenchEnv env, SwapdeckUnderTest swapdeck, int upstreamPort) {
        this.env = env;
        this.swapdeck = swapdeck;
        this.upstreamPort = upstreamPort;
    }

    /** What one wave of streams did. */
    private record Wave(double seconds, int complete, int failed, int peakThreads, long peakRssMb) {
    }

    void run(Results results) {
        System.out.println("scale: " + CLIENTS + " concurrent streams, direct then proxied");
        long pid = swapdeck.pid();
        wave(URI.create("http://127.0.0.1:" + upstreamPort + "/v1/chat/completions"), pid);
        int idleThreads = ProcStats.threads(pid);
        long idleRss = ProcStats.rssMb(pid);
        long idleHeap = ProcStats.liveHeapMb(env, pid);
        Wave direct = wave(URI.create("http://127.0.0.1:" + upstreamPort + "/v1/chat/completions"), pid);
        Wave proxied = wave(swapdeck.uri("/v1/chat/completions"), pid);
        long heapAfter = ProcStats.liveHeapMb(env, pid);
        System.out.printf("  direct %.2f s (%d ok, %d failed); proxied %.2f s (%d ok, %d failed)%n", direct.seconds,
                direct.complete, direct.failed, proxied.seconds, proxied.complete, proxied.failed);
        results.add("5. " + CLIENTS + " concurrent streams (" + CHUNKS + " chunks, " + PAUSE_MS + " ms apart): complete",
                direct.complete + "/" + CLIENTS + " in " + String.format("%.2f s", direct.seconds),
                proxied.complete + "/" + CLIENTS + " in " + String.format("%.2f s", proxied.seconds),
                proxied.failed + " failed", "all complete, 0 failed", proxied.complete == CLIENTS && proxied.failed == 0);
        results.add("5. Swapdeck threads: idle vs during " + CLIENTS + " streams", Integer.toString(idleThreads),
                Integer.toString(proxied.peakThreads), String.format("%+d", proxied.peakThreads - idleThreads),
                "no growth per stream (< +" + CLIENTS / 10 + ")", proxied.peakThreads - idleThreads < CLIENTS / 10);
        results.add("5. Swapdeck RSS: idle vs peak during streams", idleRss + " MB", proxied.peakRssMb + " MB",
                String.format("%+d MB", proxied.peakRssMb - idleRss), "—", null);
        results.add("5. Swapdeck live heap: before vs after streams", idleHeap + " MB", heapAfter + " MB",
                String.format("%+d MB", heapAfter - idleHeap), "—", null);
    }

    private Wave wave(URI uri, long pid) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String body = "{\"model\":\"" + Bench.FAST + "\",\"stream\":true,\"max_tokens\":" + CHUNKS
                + ",\"demo_delay_ms\":" + PAUSE_MS + "}";
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        AtomicInteger complete = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<?>> streams = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < CLIENTS; i++) {
            streams.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
                if (error == null && response.statusCode() == 200 && whole(response.body())) {
                    complete.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
                return null;
            }));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(streams.toArray(CompletableFuture[]::new));
        int peakThreads = 0;
        long peakRss = 0;
        while (!all.isDone()) {
            peakThreads = Math.max(peakThreads, ProcStats.threads(pid));
            peakRss = Math.max(peakRss, ProcStats.rssMb(pid));
            SwapdeckUnderTest.sleep(50);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Wave(seconds, complete.get(), failed.get(), peakThreads, peakRss);
    }

    private static boolean whole(String body) {
        Matcher m = CHUNK.matcher(body);
        int chunks = 0;
        while (m.find()) {
            chunks++;
        }
        return chunks == CHUNKS && body.contains("data: [DONE]");
    }
}
