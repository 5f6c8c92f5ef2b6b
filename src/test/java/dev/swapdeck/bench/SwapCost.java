package dev.swapdeck.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 4: what a swap costs beyond starting the new model. With A ready and idle, a request for B
 * is timed end to end through Swapdeck. B's own start is read off the same swap's timeline: B runs
 * with a health delay, so it turns healthy exactly {@link #B_HEALTH_DELAY_MS} after the
 * {@code listening on} line it prints (its 503 answers meanwhile warm its health path, so a cold
 * JVM's first 200 costs nothing extra); Swapdeck stamps both B's {@code starting} event and that
 * line. B's first answer is B's too: a fresh JVM answers its first chat in about 20 ms (its chat
 * path runs cold), so each round also starts B directly, polls it every millisecond until healthy,
 * and times the same chat sent straight to it. The swap's total minus B's own start and that first
 * answer is Swapdeck's own part: stopping A, bookkeeping, spawning, noticing B is healthy,
 * forwarding. Subtracting per swap keeps the noise of a cold JVM start (tens of milliseconds here)
 * out of a figure of a few milliseconds.
 */
final class SwapCost {
    private static final int SWAPS = 6;
    static final int B_HEALTH_DELAY_MS = 500;
    static final String[] B_ARGS = {"--health-delay-ms", Integer.toString(B_HEALTH_DELAY_MS)};

    private final BenchEnv env;
    private final SwapdeckUnderTest swapdeck;
    private final int portB;

    SwapCost(BenchEnv env, SwapdeckUnderTest swapdeck, int portB) {
        this.env = env;
        this.swapdeck = swapdeck;
        this.portB = portB;
    }

    void run(Results results) {
        System.out.println("swap cost: " + SWAPS + " swaps A -> B, " + SWAPS + " direct starts of B");
        List<Double> direct = new ArrayList<>();
        List<Double> firstAnswers = new ArrayList<>();
        List<Double> swaps = new ArrayList<>();
        List<Double> stops = new ArrayList<>();
        List<Double> own = new ArrayList<>();
        try (EventTape tape = new EventTape(swapdeck)) {
            for (int i = 0; i < SWAPS; i++) {
                DirectStart start = directStart();
                direct.add(start.healthyMs());
                firstAnswers.add(start.firstAnswerMs());
                swapdeck.load(Bench.A);
                SwapdeckUnderTest.sleep(200);
                tape.clear();
                long t0 = System.nanoTime();
                int status = SwapdeckUnderTest.send(chat(swapdeck.uri("/v1/chat/completions"))).statusCode();
                swaps.add((System.nanoTime() - t0) / 1e6);
                if (status != 200) {
                    throw new IllegalStateException("swap request answered " + status);
                }
                Duration wait = Duration.ofSeconds(5);
                stops.add(EventTape.millisBetween(tape.await(EventTape.state(Bench.A, "ready", "stopping"), wait),
                        tape.await(EventTape.state(Bench.A, "stopping", "stopped"), wait)));
                double startOfB = EventTape.millisBetween(tape.await(EventTape.state(Bench.B, "stopped", "starting"), wait),
                        tape.await(EventTape.upstreamLine(Bench.B, "listening on"), wait)) + B_HEALTH_DELAY_MS;
                own.add(swaps.get(i) - startOfB - start.firstAnswerMs());
                System.out.printf("  %d: direct start of B %.1f ms, its first answer %.1f ms; swap A->B %.1f ms, B's own"
                        + " start in it %.1f ms (A stopped in %.1f ms)%n", i + 1, direct.get(i), start.firstAnswerMs(),
                        swaps.get(i), startOfB, stops.get(i));
                swapdeck.unload(Bench.B);
            }
        }
        double ownMedian = Stats.median(own);
        results.add("4. swap A->B: total minus B's own start and first answer (median of " + SWAPS + ")",
                "B starts in " + Results.ms1(Stats.median(direct)) + " (direct)",
                "swap in " + Results.ms1(Stats.median(swaps)), "+" + Results.ms1(ownMedian), "<= 50 ms",
                ownMedian <= 50);
        results.add("4. ... of which stopping A (Swapdeck's timeline)", "—", Results.ms1(Stats.median(stops)), "—",
                "—", null);
        results.add("4. ... B's first answer after a direct start (cold JVM)", Results.ms1(Stats.median(firstAnswers)),
                "—", "—", "—", null);
    }

    /** The chat that asks for B. */
    private static HttpRequest chat(URI uri) {
        String body = ProxyOverhead.BODY.replace(Bench.FAST, Bench.B);
        return HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build();
    }

    /** A direct start of B: spawn to its first 200 from {@code /health}, then the time of its first chat answer. */
    private record DirectStart(double healthyMs, double firstAnswerMs) {
    }

    /** The same command Swapdeck runs for B: spawn to first 200 from {@code /health}, then the swap's chat, direct. */
    private DirectStart directStart() {
        URI health = URI.create("http://127.0.0.1:" + portB + "/health");
        HttpRequest probe = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(1)).build();
        long t0 = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(env.upstream(portB, Bench.B, B_ARGS)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            while (true) {
                try {
                    if (SwapdeckUnderTest.HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        double healthy = (System.nanoTime() - t0) / 1e6;
                        long asked = System.nanoTime();
                        int status = SwapdeckUnderTest.send(chat(URI.create("http://127.0.0.1:" + portB
                                + "/v1/chat/completions"))).statusCode();
                        if (status != 200) {
                            throw new IllegalStateException("B's first chat answered " + status);
                        }
                        return new DirectStart(healthy, (System.nanoTime() - asked) / 1e6);
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            BenchEnv.stop(process);
        }
    }
}
