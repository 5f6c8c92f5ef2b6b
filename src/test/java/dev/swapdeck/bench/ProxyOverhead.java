package dev.swapdeck.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Figure 1: what Swapdeck adds to a small non-streamed chat request to a ready model, next to what
 * nginx adds in front of the same upstream. Direct, nginx and Swapdeck are measured in the same
 * rounds, a run of each in an order that rotates every round, so machine noise and slow drifts land
 * on all three; each figure is the median over rounds, each ratio the median of per-round ratios.
 */
final class ProxyOverhead {
    static final String BODY = "{\"model\":\"" + Bench.FAST
            + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}],\"max_tokens\":8}";
    private static final int ROUNDS = 9;
    private static final int SECONDS = 3;
    private static final double STEADY = 0.05;
    private static final int MIN_WARM_RUNS = 6;
    private static final int MAX_WARM_RUNS = 16;

    /** One way to reach the upstream, and its runs: one per round at 1 and at 16 connections. */
    private record Path(String name, URI uri, List<Wrk.Run> sequential, List<Wrk.Run> loaded) {
        Path(String name, URI uri) {
            this(name, uri, new ArrayList<>(), new ArrayList<>());
        }

        double p50() {
            return median(sequential, Wrk.Run::p50Ms);
        }

        /** The median over rounds of this path's rate over the direct rate of the same round. */
        double ratioTo(Path direct) {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < loaded.size(); i++) {
                ratios.add(loaded.get(i).requestsPerSecond() / direct.loaded.get(i).requestsPerSecond());
            }
            return Stats.median(ratios);
        }

        long errors() {
            return sequential.stream().mapToLong(Wrk.Run::errors).sum() + loaded.stream().mapToLong(Wrk.Run::errors).sum();
        }
    }

    private final Wrk wrk;
    private final BenchEnv env;
    private final int upstreamPort;
    private final Path direct;
    private final Path proxied;

    ProxyOverhead(BenchEnv env, int upstreamPort, SwapdeckUnderTest swapdeck) {
        this.wrk = new Wrk(env, BODY);
        this.env = env;
        this.upstreamPort = upstreamPort;
        this.direct = new Path("direct", URI.create("http://127.0.0.1:" + upstreamPort + "/v1/chat/completions"));
        this.proxied = new Path("via Swapdeck", swapdeck.uri("/v1/chat/completions"));
    }

    void run(Results results) {
        System.out.println("proxy overhead: warming up");
        warmUntilSteady(direct.uri);
        List<Double> warmUp = warmUntilSteady(proxied.uri);
        if (Nginx.installed()) {
            try (Nginx nginx = Nginx.start(env, dev.swapdeck.testing.FreePorts.loopback(), upstreamPort)) {
                Path viaNginx = new Path("via nginx", URI.create("http://127.0.0.1:" + nginx.port + "/v1/chat/completions"));
                wrk.run(viaNginx.uri, 2, 16, SECONDS);
                measure(List.of(direct, viaNginx, proxied));
                results.add("1. reference: nginx p50 added / throughput (same upstream, same rounds)", "—",
                        Results.ms(viaNginx.p50()) + ", " + String.format("%.0f req/s", median(viaNginx.loaded, Wrk.Run::requestsPerSecond)),
                        "+" + Results.ms(viaNginx.p50() - direct.p50()) + ", " + String.format("x%.2f", viaNginx.ratioTo(direct)),
                        "—", null);
                report(results, warmUp, viaNginx.ratioTo(direct));
            }
        } else {
            measure(List.of(direct, proxied));
            report(results, warmUp, Double.NaN);
        }
    }

    private void report(Results results, List<Double> warmUp, double nginxRatio) {
        double p50Direct = direct.p50();
        double p50Proxied = proxied.p50();
        double p99Direct = median(direct.sequential, Wrk.Run::p99Ms);
        double p99Proxied = median(proxied.sequential, Wrk.Run::p99Ms);
        double ratio = proxied.ratioTo(direct);
        long errors = direct.errors() + proxied.errors();
        results.add("1. sequential keep-alive POST, p50", Results.ms(p50Direct), Results.ms(p50Proxied),
                "+" + Results.ms(p50Proxied - p50Direct), "added <= 0.050 ms", p50Proxied - p50Direct <= 0.05);
        results.add("1. sequential keep-alive POST, p99", Results.ms(p99Direct), Results.ms(p99Proxied),
                "+" + Results.ms(p99Proxied - p99Direct), "—", null);
        boolean nginxMeasured = !Double.isNaN(nginxRatio);
        results.add("1. throughput, 16 connections", String.format("%.0f req/s", median(direct.loaded, Wrk.Run::requestsPerSecond)),
                String.format("%.0f req/s", median(proxied.loaded, Wrk.Run::requestsPerSecond)), String.format("x%.2f", ratio),
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
    private List<Double> warmUntilSteady(URI url) {
        List<Double> rates = new ArrayList<>();
        double best = 0;
        int flat = 0;
        while (rates.size() < MAX_WARM_RUNS && (rates.size() < MIN_WARM_RUNS || flat < 3)) {
            double rate = wrk.run(url, 2, 16, SECONDS).requestsPerSecond();
            flat = rate <= best * (1 + STEADY) ? flat + 1 : 0;
            best = Math.max(best, rate);
            rates.add(rate);
        }
        System.out.println("  warm-up " + url + ", req/s per " + SECONDS + " s run: "
                + rates.stream().map(r -> String.format("%.0f", r)).collect(Collectors.joining(" ")));
        return rates;
    }

    /**
     * {@link #ROUNDS} rounds; in each, a sequential run (1 connection) of every path, then a loaded one
     * (16 connections, 2 wrk threads), the paths in an order rotated by one each round.
     */
    private void measure(List<Path> paths) {
        for (int round = 0; round < ROUNDS; round++) {
            List<Path> order = new ArrayList<>(paths);
            Collections.rotate(order, -round);
            for (Path path : order) {
                path.sequential.add(wrk.run(path.uri, 1, 1, SECONDS));
            }
            for (Path path : order) {
                path.loaded.add(wrk.run(path.uri, 2, 16, SECONDS));
            }
            int r = round;
            System.out.println("  round " + (round + 1) + ": " + paths.stream()
                    .map(p -> String.format("%s p50 %.3f ms, %.0f req/s", p.name, p.sequential.get(r).p50Ms(),
                            p.loaded.get(r).requestsPerSecond()))
                    .collect(Collectors.joining("; ")));
        }
    }

    private static double median(List<Wrk.Run> runs, ToDoubleFunction<Wrk.Run> figure) {
        return Stats.median(runs.stream().map(figure::applyAsDouble).toList());
    }
}
