package dev.swapdeck.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Figure 2: the delay Swapdeck adds to each streamed chunk. Streams of 200 chunks, 5 ms apart (a
 * fast model's token rate), alternate between direct and proxied; the mean is over every chunk, the
 * max is the median over runs of each run's worst chunk (one stray scheduler hiccup on a shared
 * 2-core machine says little about the proxy).
 */
final class StreamingDelay {
    private static final int CHUNKS = 200;
    private static final int PAUSE_MS = 5;
    private static final int RUNS = 6;

    private final int upstreamPort;
    private final int proxyPort;

    StreamingDelay(int upstreamPort, SwapdeckUnderTest swapdeck) {
        this.upstreamPort = upstreamPort;
        this.proxyPort = swapdeck.port;
    }

    void run(Results results) {
        System.out.println("streaming: warming up");
        for (int i = 0; i < 3; i++) {
            StreamClock.delays(upstreamPort, Bench.FAST, CHUNKS, 1);
            StreamClock.delays(proxyPort, Bench.FAST, CHUNKS, 1);
        }
        List<Double> direct = new ArrayList<>();
        List<Double> proxied = new ArrayList<>();
        List<Double> directMax = new ArrayList<>();
        List<Double> proxiedMax = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            boolean directFirst = run % 2 == 0;
            for (int side = 0; side < 2; side++) {
                boolean isDirect = (side == 0) == directFirst;
                List<Double> delays = StreamClock.delays(isDirect ? upstreamPort : proxyPort, Bench.FAST, CHUNKS, PAUSE_MS);
                (isDirect ? direct : proxied).addAll(delays);
                (isDirect ? directMax : proxiedMax).add(Stats.max(delays));
            }
        }
        double meanDirect = Stats.mean(direct);
        double meanProxied = Stats.mean(proxied);
        double maxDirect = Stats.median(directMax);
        double maxProxied = Stats.median(proxiedMax);
        results.add("2. per-chunk delay, 200 chunks, mean", Results.ms(meanDirect), Results.ms(meanProxied),
                "+" + Results.ms(meanProxied - meanDirect), "added <= 0.1 ms", meanProxied - meanDirect <= 0.1);
        results.add("2. per-chunk delay, max (median of " + RUNS + " runs)", Results.ms(maxDirect),
                Results.ms(maxProxied), "+" + Results.ms(maxProxied - maxDirect), "added <= 2 ms",
                maxProxied - maxDirect <= 2);
        System.out.printf("  worst single chunk over all runs: direct %.3f ms, proxied %.3f ms%n",
                Stats.max(direct), Stats.max(proxied));
    }
}
