package dev.swapdeck.bench;

import dev.swapdeck.testing.FreePorts;
import dev.swapdeck.testing.KeptConnection;
import dev.swapdeck.testing.RawHttp;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Figures 8–9, against a real llama.cpp {@code llama-server} (CPU build, tiny random models) when the
 * rig of {@code ../shared/rig} exists ({@code $RIG}, default {@code ~/llm-rig}): a warm chat through
 * Swapdeck next to the same chat on a fresh direct connection (the same raw-socket client both ways,
 * done when the declared body is in) (and on a direct keep-alive one, which shows the delayed-ACK
 * stall Swapdeck must avoid); readiness after llama-server turns healthy (a poller on fresh
 * connections every millisecond marks that instant; Swapdeck's own {@code ready} event marks when it
 * noticed); and a swap A→B next to B's own direct start (spawn, poll /health every
 * millisecond, the same chat with the same raw client). The swap is timed in swaps of its own,
 * without the readiness poller and with no one reading Swapdeck's event stream (as a chat app uses
 * it): each side then has one poller on B while it loads, the direct start its own and the swap
 * Swapdeck's probes. Streaming every event to the bench (llama-server's hundred start-up lines among
 * them) takes CPU from the two cores B loads on: on 2 Dec 2026 the swap measured +31 ms over B's
 * direct start with the stream open, +11 to +16 ms in four runs without it.
 */
final class RealLlama {
    private static final int ROUNDS = 20;
    private static final int SWAPS = 6;
    private static final int STEADY_REQUESTS = 1_500;
    private static final int STREAM_TOKENS = 8;
    private static final String A = "tiny-a";
    private static final String B = "tiny-b";

    private final BenchEnv env;
    private final Path rig;
    private final int portA = FreePorts.loopback();
    private final int portB = FreePorts.loopback();

    private RealLlama(BenchEnv env, Path rig) {
        this.env = env;
        this.rig = rig;
    }

    /** The lane, if a rig with llama-server and the tiny models exists. */
    static java.util.Optional<RealLlama> find(BenchEnv env) {
        String configured = System.getenv("RIG");
        Path rig = Path.of(configured != null ? configured : System.getProperty("user.home") + "/llm-rig");
        boolean complete = Files.isExecutable(rig.resolve("bin/llama-server"))
                && Files.exists(rig.resolve("models/" + A + ".gguf")) && Files.exists(rig.resolve("models/" + B + ".gguf"));
        return complete ? java.util.Optional.of(new RealLlama(env, rig)) : java.util.Optional.empty();
    }

    private List<String> command(String model, int port) {
        return List.of(rig.resolve("bin/llama-server").toString(), "-m", rig.resolve("models/" + model + ".gguf").toString(),
                "-a", model, "--host", "127.0.0.1", "--port", Integer.toString(port), "-c", "256", "-np", "1", "-t", "1");
    }

    private static String chat(String model) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}],\"max_tokens\":4}";
    }

    void run(Results results) throws Exception {
        System.out.println("real llama-server: " + rig);
        ConfigYaml config = new ConfigYaml().model(A, portA, command(A, portA)).model(B, portB, command(B, portB));
        List<Double> swaps = new ArrayList<>();
        List<Double> readiness = new ArrayList<>();
        List<SwapPhases> phases = new ArrayList<>();
        try (SwapdeckUnderTest swapdeck = new SwapdeckUnderTest(env, "swapdeck-llama", config)) {
            swapdeck.load(A);
            warmChat(swapdeck, results);
            try (EventTape tape = new EventTape(swapdeck)) {
                for (int i = 0; i < SWAPS; i++) {
                    swapdeck.load(A);
                    tape.clear();
                    CompletableFuture<Instant> healthy = CompletableFuture.supplyAsync(() -> pollUntilHealthy(portB));
                    Instant sent = Instant.now();
                    send(swapdeck, B);
                    Instant answered = Instant.now();
                    Instant ready = EventTape.at(tape.await(EventTape.state(B, "starting", "ready"), Duration.ofSeconds(30)));
                    readiness.add(Duration.between(healthy.join(), ready).toNanos() / 1e6);
                    phases.add(SwapPhases.read(tape, A, B, sent, healthy.join(), answered));
                }
            }
            for (int i = 0; i < SWAPS; i++) {
                swapdeck.load(A);
                long start = System.nanoTime();
                sendRaw(swapdeck, B);
                swaps.add((System.nanoTime() - start) / 1e6);
            }
            swapdeck.unload(B);
        }
        freshConnections(config, results);
        List<Double> direct = new ArrayList<>();
        for (int i = 0; i < SWAPS; i++) {
            direct.add(directStart());
        }
        double swap = Stats.median(swaps);
        double own = Stats.median(direct);
        double ready = Stats.median(readiness);
        results.add("9. real llama-server: readiness after it turns healthy (median of " + SWAPS + " swaps)",
                "poller on fresh connections", Results.ms1(ready), "max " + Results.ms1(Stats.max(readiness)),
                "<= 10 ms", ready <= 10);
        results.add("9. real llama-server: swap A->B minus B's own direct start (medians of " + SWAPS + ")",
                "B starts in " + Results.ms1(own) + " (direct)", "swap in " + Results.ms1(swap),
                "+" + Results.ms1(swap - own), "<= 30 ms", swap - own <= 30);
        SwapPhases.report(phases, results);
    }

    private void warmChat(SwapdeckUnderTest swapdeck, Results results) throws Exception {
        List<Double> via = new ArrayList<>();
        List<Double> fresh = new ArrayList<>();
        for (int i = 0; i < ROUNDS + 5; i++) {
            double[] pair = viaThenFresh(swapdeck);
            if (i >= 5) {
                via.add(pair[0]);
                fresh.add(pair[1]);
            }
        }
        compare(results, "8. real llama-server: warm non-stream chat, direct fresh connection vs via Swapdeck (p50)",
                fresh, via);
        results.add("8. ... direct on a reused keep-alive connection (the delayed-ACK stall)", "—",
                Results.ms(Stats.median(keptDirect())), "—", "—", null);
        steadyChat(swapdeck, results);
        streamedChat(swapdeck, results);
        headAndBodyApart(swapdeck, results);
    }

    /**
     * A client that writes its request's head and body apart without TCP_NODELAY, on a kept
     * connection: the body waits for the head's ACK, which the receiving side may delay ~40 ms.
     */
    private void headAndBodyApart(SwapdeckUnderTest swapdeck, Results results) throws IOException {
        List<Double> via = new ArrayList<>();
        List<Double> direct = new ArrayList<>();
        try (KeptConnection toSwapdeck = new KeptConnection(swapdeck.port, true);
             KeptConnection toServer = new KeptConnection(portA, true)) {
            for (int i = 0; i < ROUNDS + 5; i++) {
                long t0 = System.nanoTime();
                toSwapdeck.post("/v1/chat/completions", chat(A));
                long t1 = System.nanoTime();
                toServer.post("/v1/chat/completions", chat(A));
                if (i >= 5) {
                    via.add((t1 - t0) / 1e6);
                    direct.add((System.nanoTime() - t1) / 1e6);
                }
            }
        }
        results.add("8. ... a client sending head and body apart without TCP_NODELAY, kept connection (p50)",
                Results.ms(Stats.median(direct)) + " (direct)", Results.ms(Stats.median(via)),
                signed(Stats.median(via) - Stats.median(direct)), "—", null);
    }

    /**
     * The rows above are the first requests a fresh Swapdeck serves, through code the JIT has not
     * compiled yet (interpreted, it adds 2 to 3 ms to each). The same comparison once
     * {@link #STEADY_REQUESTS} more have gone through shows what the forwarding itself costs.
     */
    private void steadyChat(SwapdeckUnderTest swapdeck, Results results) throws IOException {
        for (int i = 0; i < STEADY_REQUESTS; i++) {
            sendRaw(swapdeck, A);
        }
        List<Double> via = new ArrayList<>();
        List<Double> fresh = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            double[] pair = viaThenFresh(swapdeck);
            via.add(pair[0]);
            fresh.add(pair[1]);
        }
        compare(results, "8. ... the same after " + STEADY_REQUESTS + " more requests through Swapdeck (JIT-compiled)",
                fresh, via);
    }

    /**
     * A streamed chat of {@link #STREAM_TOKENS} tokens, through Swapdeck and direct on fresh connections,
     * alternating: when the first event arrives and when the stream ends (llama-server closes its
     * connection after a stream, so a fresh one is what a direct client gets anyway).
     */
    private void streamedChat(SwapdeckUnderTest swapdeck, Results results) throws IOException {
        String body = "{\"model\":\"" + A + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}],\"max_tokens\":"
                + STREAM_TOKENS + ",\"stream\":true}";
        List<Double> viaFirst = new ArrayList<>();
        List<Double> viaEnd = new ArrayList<>();
        List<Double> directFirst = new ArrayList<>();
        List<Double> directEnd = new ArrayList<>();
        for (int i = 0; i < ROUNDS + 5; i++) {
            double[] via = StreamTiming.firstAndEnd(swapdeck.port, body);
            double[] direct = StreamTiming.firstAndEnd(portA, body);
            if (i >= 5) {
                viaFirst.add(via[0]);
                viaEnd.add(via[1]);
                directFirst.add(direct[0]);
                directEnd.add(direct[1]);
            }
        }
        streamRow(results, "8. ... a streamed chat (" + STREAM_TOKENS + " tokens), fresh connections: first event (p50)",
                directFirst, viaFirst);
        streamRow(results, "8. ... the same stream's end (p50)", directEnd, viaEnd);
    }

    private static void streamRow(Results results, String figure, List<Double> direct, List<Double> via) {
        results.add(figure, Results.ms(Stats.median(direct)) + " (direct)", Results.ms(Stats.median(via)),
                signed(Stats.median(via) - Stats.median(direct)), "—", null);
    }

    /**
     * Sends on the client's kept connection. llama-server closes a kept connection that idled past its
     * 5 s keep-alive, which the client learns only when it next writes there (seen on 1 Dec 2026, when
     * Swapdeck's idle connections took llama-server's other HTTP threads and stalled this loop): that
     * one request is sent again, on the new connection the client opens, rather than losing the table.
     */
    /**
     * The same chat direct on one kept connection, in a loop of its own and closed after: held open
     * beside the pairs above, it took one of llama-server's few HTTP threads ({@code -np 1}: three),
     * and with Swapdeck's idle upstream connections holding the others the direct fresh chats waited
     * for a thread, 35 to 44 ms, in runs of 4 and 6 Dec (the two stalls the other way round).
     */
    private List<Double> keptDirect() throws IOException {
        List<Double> reused = new ArrayList<>();
        try (KeptConnection kept = new KeptConnection(portA, false)) {
            for (int i = 0; i < ROUNDS + 5; i++) {
                long t0 = System.nanoTime();
                kept.post("/v1/chat/completions", chat(A));
                if (i >= 5) {
                    reused.add((System.nanoTime() - t0) / 1e6);
                }
            }
        }
        return reused;
    }

    /** The chat through Swapdeck, then direct on a fresh connection: their times in ms, in that order. */
    private double[] viaThenFresh(SwapdeckUnderTest swapdeck) throws IOException {
        long t0 = System.nanoTime();
        sendRaw(swapdeck, A);
        long t1 = System.nanoTime();
        RawHttp.answered(portA, "POST", "/v1/chat/completions", chat(A));
        return new double[] {(t1 - t0) / 1e6, (System.nanoTime() - t1) / 1e6};
    }

    /** A row of medians, direct against via Swapdeck, with the +1 ms target. */
    private static void compare(Results results, String figure, List<Double> fresh, List<Double> via) {
        double added = Stats.median(via) - Stats.median(fresh);
        results.add(figure, Results.ms(Stats.median(fresh)), Results.ms(Stats.median(via)), signed(added), "<= +1 ms",
                added <= 1);
    }

    private static String signed(double millis) {
        return (millis >= 0 ? "+" : "") + Results.ms(millis);
    }

    /** The same warm chat through a Swapdeck that opens a fresh upstream connection for every request. */
    private void freshConnections(ConfigYaml config, Results results) throws IOException {
        try (SwapdeckUnderTest swapdeck = new SwapdeckUnderTest(env, "swapdeck-llama-fresh", config,
                List.of("-Dswapdeck.upstream.reuse=fresh"))) {
            swapdeck.load(A);
            List<Double> via = new ArrayList<>();
            for (int i = 0; i < ROUNDS + 5; i++) {
                long start = System.nanoTime();
                sendRaw(swapdeck, A);
                if (i >= 5) {
                    via.add((System.nanoTime() - start) / 1e6);
                }
            }
            results.add("8. ... via Swapdeck with a fresh upstream connection per request (p50)", "—",
                    Results.ms(Stats.median(via)), "—", "—", null);
        }
    }

    /** The chat through Swapdeck with the same raw fresh-connection client as the direct figure. */
    private static void sendRaw(SwapdeckUnderTest swapdeck, String model) throws IOException {
        String answer = RawHttp.answered(swapdeck.port, "POST", "/v1/chat/completions", chat(model));
        if (!answer.startsWith("HTTP/1.1 200")) {
            throw new IllegalStateException(model + " answered " + answer);
        }
    }

    private static void send(SwapdeckUnderTest swapdeck, String model) {
        HttpResponse<String> response = SwapdeckUnderTest.send(HttpRequest.newBuilder(swapdeck.uri("/v1/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(chat(model))).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(model + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** B's own start: spawn, poll /health every millisecond on fresh connections, the same chat. */
    private double directStart() throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command(B, portB)).redirectErrorStream(true)
                .redirectOutput(env.scratch.resolve("direct-b.log").toFile()).start();
        try {
            while (!healthy(portB)) {
                SwapdeckUnderTest.sleep(1);
            }
            RawHttp.answered(portB, "POST", "/v1/chat/completions", chat(B));
            return (System.nanoTime() - start) / 1e6;
        } finally {
            BenchEnv.stop(process);
        }
    }

    /**
     * The reference for readiness: polls as {@link #directStart} does (every millisecond, fresh
     * connections), so the swap and the direct start each run with one such poller beside them.
     */
    private static Instant pollUntilHealthy(int port) {
        while (!healthy(port)) {
            SwapdeckUnderTest.sleep(1);
        }
        return Instant.now();
    }

    private static boolean healthy(int port) {
        try {
            return RawHttp.answered(port, "GET", "/health", null).startsWith("HTTP/1.1 200");
        } catch (IOException e) {
            return false;
        }
    }
}
