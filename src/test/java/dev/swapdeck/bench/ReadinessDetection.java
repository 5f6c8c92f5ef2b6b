package dev.swapdeck.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 3: how soon after an upstream turns healthy Swapdeck forwards the request waiting for it.
 * The upstream ({@link GatedUpstream}) turns healthy at a wall-clock instant the benchmark writes
 * into its gate file ({@link #GATE_MS} after the cold request is sent) and stamps each request as it
 * arrives, so the figure is arrival minus healthy moment, with no pipe or print lag in it. The
 * baseline is a client doing the same without Swapdeck ({@link DirectColdStart}: poll every
 * millisecond, send at once). Median of several cold starts of each, alternating.
 */
final class ReadinessDetection {
    static final int GATE_MS = 1000;
    private static final int STARTS = 6;

    private final SwapdeckUnderTest swapdeck;
    private final int port;
    private final Path gate;

    ReadinessDetection(SwapdeckUnderTest swapdeck, int port, Path gate) {
        this.swapdeck = swapdeck;
        this.port = port;
        this.gate = gate;
    }

    /** The gated model's command, the same for Swapdeck and the direct baseline. */
    static List<String> command(BenchEnv env, int port, Path gate) {
        return env.javaCommand(BenchEnv.UPSTREAM_JVM, GatedUpstream.class.getName(),
                List.of(Integer.toString(port), gate.toString()));
    }

    void run(BenchEnv env, Results results) {
        System.out.println("readiness detection: " + STARTS + " cold starts each, direct and through Swapdeck");
        List<Double> forwarded = new ArrayList<>();
        List<Double> ready = new ArrayList<>();
        List<Double> direct = new ArrayList<>();
        DirectColdStart baseline = new DirectColdStart();
        try (EventTape tape = new EventTape(swapdeck)) {
            for (int i = 0; i < STARTS; i++) {
                swapdeck.unload(Bench.SLOW);
                direct.add(baseline.forwardedAfterHealthy(command(env, port, gate), port, this::openGateSoon));
                tape.clear();
                long healthyAt = openGateSoon();
                int status = SwapdeckUnderTest.send(HttpRequest.newBuilder(swapdeck.uri("/v1/chat/completions"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + Bench.SLOW + "\"}"))
                        .header("Content-Type", "application/json").build()).statusCode();
                if (status != 200) {
                    throw new IllegalStateException("cold request answered " + status);
                }
                Duration wait = Duration.ofSeconds(5);
                JsonNode request = tape.await(EventTape.upstreamLine(Bench.SLOW, GatedUpstream.REQUEST_LINE), wait);
                long arrived = Long.parseLong(request.path("text").asText().substring(GatedUpstream.REQUEST_LINE.length()));
                forwarded.add((arrived - healthyAt) / 1000.0);
                JsonNode readyAt = tape.await(EventTape.state(Bench.SLOW, "starting", "ready"), wait);
                ready.add(micros(EventTape.at(readyAt)) / 1000.0 - healthyAt / 1000.0);
                System.out.printf("  start %d: direct client's request arrived %.1f ms after healthy; Swapdeck marked"
                        + " ready after %.1f ms, its request arrived after %.1f ms%n", i + 1, direct.get(i),
                        ready.get(i), forwarded.get(i));
            }
        }
        swapdeck.unload(Bench.SLOW);
        double median = Stats.median(forwarded);
        double baselineMedian = Stats.median(direct);
        results.add("3. request reaches the upstream after it turns healthy (median of " + STARTS + " cold starts)",
                "+" + Results.ms1(baselineMedian) + " (client polling every 1 ms)", "+" + Results.ms1(median),
                "+" + Results.ms1(median - baselineMedian), "<= 20 ms after healthy", median <= 20);
        results.add("3. ... Swapdeck marks the model ready", "—", "+" + Results.ms1(Stats.median(ready)), "—", "—", null);
    }

    /** Writes the gate: healthy {@link #GATE_MS} from now. Returns that instant in epoch micros. */
    private long openGateSoon() {
        long at = GatedUpstream.epochMicros() + GATE_MS * 1000L;
        try {
            Files.writeString(gate, Long.toString(at));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return at;
    }

    private static long micros(java.time.Instant at) {
        return at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000L;
    }
}
