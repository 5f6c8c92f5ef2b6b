package dev.swapdeck.bench;

import dev.swapdeck.activity.ActivityLog;
import dev.swapdeck.activity.ActivityRecord;
import dev.swapdeck.activity.ResponseWatcher;
import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.engine.SwapdeckEngine;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.event.EventQueue;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.metrics.SwapdeckMetrics;
import dev.swapdeck.process.ChildProcess;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.process.StateChanged;
import dev.swapdeck.proxy.ProxyServer;
import dev.swapdeck.state.StateFolder;
import dev.swapdeck.testing.TestModels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Figure 8: what observing costs. In this JVM: (a) the recording work one request adds (reading a
 * llama-server chat answer as it passes, the record, the log, the metrics and one live
 * {@code /api/events} reader), and the work one stream chunk adds, both as CPU time of the recording
 * thread; (b) {@code GET /metrics} over
 * HTTP with 50 models that all have requests, loads and states recorded, next to {@code GET /health}
 * on the same server as the baseline.
 */
final class ObservabilityCost {
    static final int MODELS = 50;
    /** The micro figures count this thread's CPU time, so a busy machine's waits are left out. */
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final int WARMUP = 50_000;
    private static final int OPS = 200_000;
    private static final byte[] CHAT = ("{\"choices\":[{\"finish_reason\":\"stop\",\"index\":0,\"message\":{\"role\":"
            + "\"assistant\",\"content\":\"Hello! How can I help you today? I can answer questions.\"}}],"
            + "\"created\":1764547200,\"model\":\"m\",\"system_fingerprint\":\"b7000-abc\",\"object\":\"chat.completion\","
            + "\"usage\":{\"completion_tokens\":14,\"prompt_tokens\":23,\"total_tokens\":37},\"id\":\"chatcmpl-1\","
            + "\"timings\":{\"prompt_n\":23,\"prompt_ms\":41.2,\"prompt_per_token_ms\":1.79,\"prompt_per_second\":558.2,"
            + "\"predicted_n\":14,\"predicted_ms\":210.5,\"predicted_per_token_ms\":15.0,\"predicted_per_second\":66.5}}")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] CHUNK = ("data: {\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"content\":"
            + "\" world\"}}],\"created\":1764547200,\"id\":\"chatcmpl-1\",\"model\":\"m\",\"system_fingerprint\":"
            + "\"b7000-abc\",\"object\":\"chat.completion.chunk\"}\n\n").getBytes(StandardCharsets.UTF_8);

    void run(Results results) throws Exception {
        System.out.println("observability: recording cost, /metrics with " + MODELS + " models");
        recordingCost(results);
        metricsLatency(results);
    }

    private static void recordingCost(Results results) {
        EventBus bus = new EventBus();
        ActivityLog log = new ActivityLog(bus, ActivityLog.DEFAULT_CAPACITY);
        SwapdeckMetrics metrics = new SwapdeckMetrics(bus, log, List.of("m"));
        EventQueue reader = bus.subscribeQueue(1024, 1 << 20, e -> true);
        ByteBuffer body = ByteBuffer.wrap(CHAT);
        for (int i = 0; i < WARMUP; i++) {
            recordOne(log, body, reader);
        }
        long start = CPU.getCurrentThreadCpuTime();
        for (int i = 0; i < OPS; i++) {
            recordOne(log, body, reader);
        }
        double perRequestMs = (CPU.getCurrentThreadCpuTime() - start) / 1e6 / OPS;
        results.add("8. recording one request (chat answer read, record, log, metrics, 1 event reader)", "—",
                String.format("%.4f ms", perRequestMs), String.format("+%.4f ms", perRequestMs),
                "added <= 0.020 ms", perRequestMs <= 0.020);

        ResponseWatcher stream = new ResponseWatcher(ResponseWatcher.Kind.EVENT_STREAM);
        ByteBuffer chunk = ByteBuffer.wrap(CHUNK);
        for (int i = 0; i < WARMUP; i++) {
            stream.written(chunk, 0, CHUNK.length, i + 1);
        }
        start = CPU.getCurrentThreadCpuTime();
        for (int i = 0; i < OPS; i++) {
            stream.written(chunk, 0, CHUNK.length, i + 1);
        }
        double perChunkUs = (CPU.getCurrentThreadCpuTime() - start) / 1e3 / OPS;
        results.add("8. ... reading one stream chunk (" + CHUNK.length + " bytes) as it passes", "—",
                String.format("%.2f us", perChunkUs), String.format("+%.4f ms", perChunkUs / 1000),
                "nothing measurable (< 0.01 ms)", perChunkUs < 10);
        metrics.close();
        reader.close();
    }

    private static void recordOne(ActivityLog log, ByteBuffer body, EventQueue reader) {
        long arrived = System.nanoTime();
        ResponseWatcher watcher = new ResponseWatcher(ResponseWatcher.kindOf("application/json", null));
        watcher.written(body, 0, CHAT.length, arrived + 1);
        ResponseWatcher.Observed seen = watcher.finish();
        log.add(seq -> new ActivityRecord(seq, Instant.now(), "m", "POST", "/v1/chat/completions", 200, false,
                Duration.ofNanos(System.nanoTime() - arrived), java.util.Optional.of(Duration.ofNanos(1)), seen.counts(),
                ActivityRecord.Wait.NONE, java.util.Optional.empty()));
        reader.takeDropped();
        List<Object> drained = new ArrayList<>();
        try {
            reader.drainTo(drained, 16, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void metricsLatency(Results results) throws Exception {
        List<ModelConfig> models = new ArrayList<>();
        for (int i = 1; i <= MODELS; i++) {
            models.add(TestModels.demo(String.format("m%02d", i)));
        }
        SwapdeckConfig config = TestModels.config(models.toArray(new ModelConfig[0]));
        LogHub logs = new LogHub(new EventBus());
        java.nio.file.Path state = java.nio.file.Files.createTempDirectory("swapdeck-bench-state");
        SwapdeckEngine engine = new SwapdeckEngine(config, logs, ConfigLoader::load,
                (model, cfg, hub) -> new ChildProcess(model, cfg.healthCheckTimeout(), Duration.ofSeconds(1), hub),
                "http://127.0.0.1:0/v1", new StateFolder(state));
        ProxyServer server = new ProxyServer(engine);
        URI base = URI.create("http://127.0.0.1:" + server.start("127.0.0.1", 0).getPort());
        try {
            fill(engine, config);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<Double> health = new ArrayList<>();
            List<Double> scrape = new ArrayList<>();
            int size = 0;
            for (int i = 0; i < 600; i++) {
                boolean measured = i >= 100;
                double h = timeGet(client, base.resolve("/health"));
                HttpResponse<String>[] last = new HttpResponse[1];
                double m = timeGet(client, base.resolve("/metrics"), last);
                size = last[0].body().length();
                if (measured) {
                    health.add(h);
                    scrape.add(m);
                }
            }
            double p50 = Stats.median(scrape);
            results.add("8. GET /metrics, " + MODELS + " models with data, p50 (GET /health as baseline)",
                    String.format("%.3f ms", Stats.median(health)), String.format("%.3f ms", p50),
                    String.format("+%.3f ms", p50 - Stats.median(health)), "<= 5 ms", p50 <= 5);
            results.add("8. ... p99, and the size of one scrape", String.format("%.3f ms", Stats.percentile(health, 99)),
                    String.format("%.3f ms (%d KB)", Stats.percentile(scrape, 99), size / 1024), "—", "—", null);
        } finally {
            server.stop();
            engine.shutdown().get();
        }
    }

    /** Every model gets a load, a state and requests, so every meter of every model has data. */
    private static void fill(SwapdeckEngine engine, SwapdeckConfig config) {
        Instant now = Instant.now();
        long nanos = System.nanoTime();
        for (String id : config.models().keySet()) {
            engine.events().publish(new StateChanged(id, ProcessState.STOPPED, ProcessState.STARTING, now, nanos, "bench",
                    false, OptionalInt.empty()));
            engine.events().publish(new StateChanged(id, ProcessState.STARTING, ProcessState.READY,
                    now.plusMillis(1500), nanos + 1_500_000_000L, "bench", false, OptionalInt.empty()));
            for (int status : new int[] {200, 200, 500}) {
                ResponseWatcher watcher = new ResponseWatcher(ResponseWatcher.Kind.JSON);
                watcher.written(ByteBuffer.wrap(CHAT), 0, CHAT.length, 1);
                engine.activity().add(seq -> new ActivityRecord(seq, now, id, "POST",
                        "/v1/chat/completions", status, false, Duration.ofMillis(250),
                        java.util.Optional.of(Duration.ofMillis(40)), watcher.finish().counts(), ActivityRecord.Wait.NONE,
                        java.util.Optional.empty()));
            }
        }
    }

    private static double timeGet(HttpClient client, URI uri) throws Exception {
        return timeGet(client, uri, new HttpResponse[1]);
    }

    private static double timeGet(HttpClient client, URI uri, HttpResponse<String>[] into) throws Exception {
        long start = System.nanoTime();
        into[0] = client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        return (System.nanoTime() - start) / 1e6;
    }
}
