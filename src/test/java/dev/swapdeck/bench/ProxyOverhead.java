package dev.swapdeck.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Figure 1: what Swapdeck adds to a small non-streamed chat request to a ready model. Direct and
 * proxied runs hit the same upstream process and alternate (the order flips every round), so machine
 * noise lands on both; each figure is the median over rounds.
 */
final class ProxyOverhead {
    static final String BODY = "{\"model\":\"" + Bench.FAST
            + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}],\"max_tokens\":8}";
    private static final int ROUNDS = 5;
    private static final int SECONDS = 3;
    private static final double STEADY = 0.05;
    private static final int MIN_WARM_RUNS = 6;
    private static final int MAX_WARM_RUNS = 16;

    private final Wrk wrk;
    private final BenchEnv env;
    private final int upstreamPort;
    private final URI direct;
    private final URI proxied;

    ProxyOverhead(BenchEnv env, int upstreamPort, SwapdeckUnderTest swapdeck) {
        this.wrk = new Wrk(env, BODY);
        this.env = env;
        this.upstreamPort = upstreamPort;
        this.direct = URI.create("http://127.0.0.1:" + upstreamPort + "/v1/chat/completions");
        this.proxied = swapdeck.uri("/v1/chat/completions");
    }

    void run(Results results) {
        System.out.println("proxy overhead: warming up");
        warmUntilSteady(direct, "direct");
        List<Double> warmUp = warmUntilSteady(proxied, "via Swapdeck");
        double nginxRatio = Nginx.installed() ? nginx(results) : Double.NaN;
        List<Wrk.Run> directSeq = new ArrayList<>();
        List<Wrk.Run> proxiedSeq = new ArrayList<>();
        List<Wrk.Run> directLoad = new ArrayList<>();
        List<Wrk.Run> proxiedLoad = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            boolean directFirst = round % 2 == 0;
            measure(directFirst, 1, 1, directSeq, proxiedSeq);
            measure(!directFirst, 2, 16, directLoad, proxiedLoad);
            System.out.printf("  round %d: seq p50 %.3f/%.3f ms, 16 conns %.0f/%.0f req/s (direct/proxied)%n", round + 1,
                    last(directSeq).p50Ms(), last(proxiedSeq).p50Ms(),
                    last(directLoad).requestsPerSecond(), last(proxiedLoad).requestsPerSecond());
        }
        long errors = errors(directSeq) + errors(proxiedSeq) + errors(directLoad) + errors(proxiedLoad);
        double p50Direct = median(directSeq, Wrk.Run::p50Ms);
        double p50Proxied = median(proxiedSeq, Wrk.Run::p50Ms);
        double p99Direct = median(directSeq, Wrk.Run::p99Ms);
        double p99Proxied = median(proxiedSeq, Wrk.Run::p99Ms);
        double rpsDirect = median(directLoad, Wrk.Run::requestsPerSecond);
        double rpsProxied = median(proxiedLoad, Wrk.Run::requestsPerSecond);
        // the per-round ratio cancels slow drifts of the machine that hit both sides of a round
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            ratios.add(proxiedLoad.get(i).requestsPerSecond() / directLoad.get(i).requestsPerSecond());
        }
        double ratio = Stats.median(ratios);
        results.add("1. sequential keep-alive POST, p50", Results.ms(p50Direct), Results.ms(p50Proxied),
                "+" + Results.ms(p50Proxied - p50Direct), "added <= 0.050 ms", p50Proxied - p50Direct <= 0.05);
        results.add("1. sequential keep-alive POST, p99", Results.ms(p99Direct), Results.ms(p99Proxied),
                "+" + Results.ms(p99Proxied - p99Direct), "—", null);
        boolean nginxMeasured = !Double.isNaN(nginxRatio);
        results.add("1. throughput, 16 connections", String.format("%.0f req/s", rpsDirect),
                String.format("%.0f req/s", rpsProxied), String.format("x%.2f", ratio),
                nginxMeasured ? String.format(">= nginx's x%.2f", nginxRatio) : ">= x0.60 of direct",
                ratio >= (nginxMeasured ? nginxRatio : 0.6));
        results.add("1. failed requests (all runs)", "—", Long.toString(errors), "—", "0", errors == 0);
        results.add("1. ... Swapdeck's JIT warm-up at 16 connections: first " + SECONDS + " s run vs steady",
                "—", String.format("%.0f -> %.0f req/s", warmUp.get(0), warmUp.get(warmUp.size() - 1)),
                String.format("%d s of load", warmUp.size() * SECONDS), "—", null);
    }

    /**
     * Runs 16-connection loads against {@code url} until its JVM has compiled its hot path: until a
     * run is no more than {@link #STEADY} above the best before it, three times in a row (at least
     * {@link #MIN_WARM_RUNS} runs, at most {@link #MAX_WARM_RUNS}). A fresh Swapdeck needs 20-30 s
     * of such load on 2 cores (C2 competes with the load for them); the figures below are its steady
     * state, the warm-up is reported on its own. Returns each run's requests per second.
     */
    private List<Double> warmUntilSteady(URI url, String label) {
        List<Double> rates = new ArrayList<>();
        double best = 0;
        int flat = 0;
        while (rates.size() < MAX_WARM_RUNS && (rates.size() < MIN_WARM_RUNS || flat < 3)) {
            double rate = wrk.run(url, 2, 16, SECONDS).requestsPerSecond();
            flat = rate <= best * (1 + STEADY) ? flat + 1 : 0;
            best = Math.max(best, rate);
            rates.add(rate);
        }
        System.out.println("  warm-up " + label + ", req/s per " + SECONDS + " s run: "
                + rates.stream().map(r -> String.format("%.0f", r)).collect(Collectors.joining(" ")));
        return rates;
    }

    /**
     * The reference: nginx in front of the same upstream, measured the same way (alternating with
     * direct, per-round ratios), right before Swapdeck's own rounds. Returns nginx's throughput ratio.
     */
    private double nginx(Results results) {
        try (Nginx nginx = Nginx.start(env, dev.swapdeck.testing.FreePorts.loopback(), upstreamPort)) {
            URI viaNginx = URI.create("http://127.0.0.1:" + nginx.port + "/v1/chat/completions");
            wrk.run(viaNginx, 2, 16, SECONDS);
            List<Wrk.Run> directSeq = new ArrayList<>();
            List<Wrk.Run> nginxSeq = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            List<Double> rps = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                measure(round % 2 == 0, 1, 1, directSeq, nginxSeq, viaNginx);
                Wrk.Run d = wrk.run(direct, 2, 16, SECONDS);
                Wrk.Run n = wrk.run(viaNginx, 2, 16, SECONDS);
                ratios.add(n.requestsPerSecond() / d.requestsPerSecond());
                rps.add(n.requestsPerSecond());
                System.out.printf("  nginx round %d: seq p50 %.3f ms, 16 conns %.0f req/s (x%.2f)%n", round + 1,
                        last(nginxSeq).p50Ms(), n.requestsPerSecond(), ratios.get(round));
            }
            double ratio = Stats.median(ratios);
            double added = median(nginxSeq, Wrk.Run::p50Ms) - median(directSeq, Wrk.Run::p50Ms);
            results.add("1. reference: nginx p50 added / throughput (same upstream, same run)", "—",
                    Results.ms(median(nginxSeq, Wrk.Run::p50Ms)) + ", " + String.format("%.0f req/s", Stats.median(rps)),
                    "+" + Results.ms(added) + ", " + String.format("x%.2f", ratio), "—", null);
            return ratio;
        }
    }

    private void measure(boolean directFirst, int threads, int connections, List<Wrk.Run> d, List<Wrk.Run> p,
                         URI other) {
        if (directFirst) {
            d.add(wrk.run(direct, threads, connections, SECONDS));
            p.add(wrk.run(other, threads, connections, SECONDS));
        } else {
            p.add(wrk.run(other, threads, connections, SECONDS));
            d.add(wrk.run(direct, threads, connections, SECONDS));
        }
    }

    private void measure(boolean directFirst, int threads, int connections, List<Wrk.Run> d, List<Wrk.Run> p) {
        measure(directFirst, threads, connections, d, p, proxied);
    }

    private static Wrk.Run last(List<Wrk.Run> runs) {
        return runs.get(runs.size() - 1);
    }

    private static long errors(List<Wrk.Run> runs) {
        return runs.stream().mapToLong(Wrk.Run::errors).sum();
    }

    private static double median(List<Wrk.Run> runs, java.util.function.ToDoubleFunction<Wrk.Run> figure) {
        return Stats.median(runs.stream().map(r -> figure.applyAsDouble(r)).toList());
    }
}
