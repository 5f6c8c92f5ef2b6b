package dev.swapdeck.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 3: how soon after an upstream turns healthy Swapdeck forwards the request that is waiting
 * for it. The demo upstream answers 503 on {@code /health} until {@link #HEALTH_DELAY_MS} after it
 * prints {@code listening on}, so the healthy moment is that line's time plus the delay; the request
 * reaches the upstream when it prints {@code request POST}. Both lines are stamped by Swapdeck as it
 * reads them from the same pipe, so the difference has no pipe bias. Median of several cold starts.
 */
final class ReadinessDetection {
    static final int HEALTH_DELAY_MS = 1000;
    private static final int STARTS = 5;

    private final SwapdeckUnderTest swapdeck;

    ReadinessDetection(SwapdeckUnderTest swapdeck) {
        this.swapdeck = swapdeck;
    }

    void run(Results results) {
        System.out.println("readiness detection: " + STARTS + " cold starts");
        List<Double> forwarded = new ArrayList<>();
        List<Double> ready = new ArrayList<>();
        try (EventTape tape = new EventTape(swapdeck)) {
            for (int i = 0; i < STARTS; i++) {
                swapdeck.unload(Bench.SLOW);
                tape.clear();
                int status = SwapdeckUnderTest.send(HttpRequest.newBuilder(swapdeck.uri("/v1/chat/completions"))
                        .POST(HttpRequest.BodyPublishers.ofString(ProxyOverhead.BODY.replace(Bench.FAST, Bench.SLOW)))
                        .header("Content-Type", "application/json").build()).statusCode();
                if (status != 200) {
                    throw new IllegalStateException("cold request answered " + status);
                }
                Duration wait = Duration.ofSeconds(5);
                JsonNode listening = tape.await(EventTape.upstreamLine(Bench.SLOW, "listening on"), wait);
                JsonNode readyAt = tape.await(EventTape.state(Bench.SLOW, "starting", "ready"), wait);
                JsonNode request = tape.await(EventTape.upstreamLine(Bench.SLOW, "request POST"), wait);
                forwarded.add(EventTape.millisBetween(listening, request) - HEALTH_DELAY_MS);
                ready.add(EventTape.millisBetween(listening, readyAt) - HEALTH_DELAY_MS);
                System.out.printf("  start %d: ready %.1f ms, forwarded %.1f ms after healthy%n", i + 1,
                        ready.get(i), forwarded.get(i));
            }
        }
        swapdeck.unload(Bench.SLOW);
        double median = Stats.median(forwarded);
        results.add("3. request forwarded after upstream turns healthy (median of " + STARTS + ")",
                "healthy at listen+" + HEALTH_DELAY_MS + " ms", "+" + Results.ms1(median),
                "+" + Results.ms1(median), "<= 20 ms", median <= 20);
        System.out.printf("  marked ready: median %.1f ms after healthy%n", Stats.median(ready));
    }
}
