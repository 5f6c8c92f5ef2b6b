package dev.swapdeck.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Figure 2: the delay Swapdeck adds to each streamed chunk, next to what nginx adds in front of the
 * same upstream. Streams of 200 chunks, 5 ms apart (a fast model's token rate), take each path in
 * turn, in an order that rotates every run; the mean is over every chunk, the max is the median over
 * runs of each run's worst chunk (one stray scheduler hiccup on a shared 2-core machine says little
 * about the proxy). nginx's row tells what a wake-up per chunk costs on this host in the same minute.
 */
final class StreamingDelay {
    private static final int CHUNKS = 200;
    private static final int PAUSE_MS = 5;
    private static final int RUNS = 6;

    private final BenchEnv env;
    private final int upstreamPort;
    private final int proxyPort;

    StreamingDelay(BenchEnv env, int upstreamPort, SwapdeckUnderTest swapdeck) {
        this.env = env;
        this.upstreamPort = upstreamPort;
        this.proxyPort = swapdeck.port;
    }

    /** One way to reach the upstream and the delays its streams' chunks met. */
    private record Side(int port, List<Double> delays, List<Double> worst) {
        Side(int port) {
            this(port, new ArrayList<>(), new ArrayList<>());
        }

        void stream(int pauseMs) {
            List<Double> run = StreamClock.delays(port, Bench.FAST, CHUNKS, pauseMs);
            delays.addAll(run);
            worst.add(Stats.max(run));
        }

        double mean() {
            return Stats.mean(delays);
        }

        double max() {
            return Stats.median(worst);
        }
    }

    void run(Results results) {
        Optional<Nginx> nginx = Nginx.installed()
                ? Optional.of(Nginx.start(env, dev.swapdeck.testing.FreePorts.loopback(), upstreamPort))
                : Optional.empty();
        try {
            Side direct = new Side(upstreamPort);
            Side proxied = new Side(proxyPort);
            List<Side> sides = new ArrayList<>(List.of(direct, proxied));
            Optional<Side> viaNginx = nginx.map(n -> new Side(n.port));
            viaNginx.ifPresent(sides::add);
            measure(sides);
            viaNginx.ifPresent(n -> results.add("2. reference: nginx per-chunk delay added, mean / max (same runs)",
                    "—", Results.ms(n.mean()) + " / " + Results.ms(n.max()),
                    "+" + Results.ms(n.mean() - direct.mean()) + " / +" + Results.ms(n.max() - direct.max()),
                    "—", null));
            report(results, direct, proxied);
        } finally {
            nginx.ifPresent(Nginx::close);
        }
    }

    private static void measure(List<Side> sides) {
        System.out.println("streaming: warming up");
        for (int i = 0; i < 3; i++) {
            sides.forEach(side -> StreamClock.delays(side.port, Bench.FAST, CHUNKS, 1));
        }
        for (int run = 0; run < RUNS; run++) {
            for (int i = 0; i < sides.size(); i++) {
                sides.get((run + i) % sides.size()).stream(PAUSE_MS);
            }
        }
    }

    private static void report(Results results, Side direct, Side proxied) {
        results.add("2. per-chunk delay, 200 chunks, mean", Results.ms(direct.mean()), Results.ms(proxied.mean()),
                "+" + Results.ms(proxied.mean() - direct.mean()), "added <= 0.1 ms",
                proxied.mean() - direct.mean() <= 0.1);
        results.add("2. per-chunk delay, max (median of " + RUNS + " runs)", Results.ms(direct.max()),
                Results.ms(proxied.max()), "+" + Results.ms(proxied.max() - direct.max()), "added <= 2 ms",
                proxied.max() - direct.max() <= 2);
        System.out.printf("  worst single chunk over all runs: direct %.3f ms, proxied %.3f ms%n",
                Stats.max(direct.delays), Stats.max(proxied.delays));
    }
}
