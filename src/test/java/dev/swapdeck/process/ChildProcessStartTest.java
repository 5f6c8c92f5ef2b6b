package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.logging.LogLine;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.DemoUpstreamCommand;
import dev.swapdeck.testing.LlamaLikeUpstream;
import dev.swapdeck.testing.TestModels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessStartTest extends ChildProcessFixture {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void onDemandStartBecomesReadyThroughStartingOnly() throws Exception {
        ModelConfig model = TestModels.demo("alpha");
        ChildProcess process = process(model);
        assertEquals(ProcessState.STOPPED, process.state());

        await(process.ensureReady());

        assertEquals(ProcessState.READY, process.state());
        assertEquals(List.of("stopped>starting", "starting>ready"), moves());
        ProcessInfo info = process.info();
        assertTrue(info.pid().isPresent() && info.startedAt().isPresent() && info.lastError().isEmpty());
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(model.proxy() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        assertTrue(process.ensureReady().isDone(), "ready answers at once");
    }

    @Test
    void startsProbedOverPlainHttpBuildNoHttpClient() throws Exception {
        long newestBefore = newestHttpClientId();
        for (String id : List.of("one", "two", "three")) {
            await(process(TestModels.demo(id)).ensureReady());
        }
        assertEquals(newestBefore, newestHttpClientId(),
                "each HttpClient keeps a selector thread alive until a full GC: plain http needs none");
    }

    /** The highest n among live "HttpClient-n-SelectorManager" threads (clients are numbered as made). */
    private static long newestHttpClientId() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("HttpClient-") && name.endsWith("-SelectorManager"))
                .mapToLong(name -> Long.parseLong(
                        name.substring("HttpClient-".length(), name.length() - "-SelectorManager".length())))
                .max().orElse(0);
    }

    @Test
    void concurrentCallersShareOneStart() throws Exception {
        ChildProcess process = process(TestModels.demo("shared", "--health-delay-ms", "300"));
        ExecutorService callers = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<CompletableFuture<Void>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                awaitQuietly(go);
                return process.ensureReady();
            }, callers));
        }
        go.countDown();
        for (CompletableFuture<CompletableFuture<Void>> call : calls) {
            await(await(call));
        }
        callers.shutdown();
        assertEquals(List.of("stopped>starting", "starting>ready"), moves());
        long spawns = texts(logs.proxyHistory()).stream().filter(t -> t.startsWith("spawned pid")).count();
        assertEquals(1, spawns);
    }

    /**
     * A reader who sees "spawned pid" (the console, the log stream) and then asks the status API for
     * the pid found none until the next state change; during a long load that is the whole load.
     */
    @Test
    void theSpawnedLineIsPublishedOnlyOnceTheStatusShowsItsPid() throws Exception {
        ChildProcess process = process(TestModels.demo("seen", "--health-delay-ms", "300"));
        CompletableFuture<OptionalLong> statusWhenLogged = new CompletableFuture<>();
        try (AutoCloseable listening = bus.subscribe(event -> {
            if (event instanceof LogLine line && line.text().startsWith("spawned pid ")) {
                statusWhenLogged.complete(process.info().pid());
            }
        })) {
            await(process.ensureReady());
        }
        assertEquals(process.info().pid(), await(statusWhenLogged));
    }

    @Test
    void readinessIsNoticedSoonAfterTheUpstreamTurnsHealthy() throws Exception {
        long delayMs = 1500;
        ChildProcess process = process(TestModels.demo("slow", "--health-delay-ms", Long.toString(delayMs)));

        await(process.ensureReady());

        StateChanged ready = states.await(e -> e.to() == ProcessState.READY, PATIENCE);
        long afterSpawn = Duration.between(process.info().startedAt().orElseThrow(), ready.at()).toMillis();
        assertTrue(afterSpawn >= delayMs, "not ready before the upstream was: " + afterSpawn + " ms");
        // The demo's delay starts as it prints this line: the gap beyond the delay is our lag (a few ms).
        LogLine listening = logs.modelHistory("slow").stream()
                .filter(l -> l.text().startsWith("listening on")).findFirst().orElseThrow();
        long afterListening = Duration.between(listening.at(), ready.at()).toMillis();
        assertTrue(afterListening < delayMs + 1000, "noticed late: " + afterListening + " ms");
    }

    /**
     * llama-server prints a line for every request, health checks included: the output that wakes a
     * probe must not be the probes' own echo, or each probe calls the next (once ~500 a second); and
     * the echoes must not push the server's own start-up lines out of its history (a minute's load
     * prints thousands). The first is kept, the others counted in the proxy log.
     */
    @Test
    void aServerThatLogsEveryProbeIsNotProbedFasterForItNorDrownedInItsEchoes() throws Exception {
        long loadMs = 2000;
        int port = TestModels.model("echo").build().proxy().getPort();
        ChildProcess process = process(TestModels.model("echo").port(port)
                .cmd(LlamaLikeUpstream.argv("--port", Integer.toString(port), "--load-ms", Long.toString(loadMs))).build());

        await(process.ensureReady());
        await(process.stop("test"));

        String counted = "left out of echo's output ";
        Await.until("the count of echoes left out", PATIENCE,
                () -> texts(logs.proxyHistory()).stream().anyMatch(t -> t.startsWith(counted)));
        String leftOut = texts(logs.proxyHistory()).stream().filter(t -> t.startsWith(counted)).findFirst().orElseThrow();
        long folded = Long.parseLong(leftOut.substring(counted.length()).split(" ")[0]);
        List<String> output = texts(logs.modelHistory("echo"));
        long shown = output.stream().filter(t -> t.contains("request: GET /health")).count();
        // the first echo, and the healthy answer's when it is printed after the start is over
        assertTrue(shown >= 1 && shown <= 2, output.toString());
        assertTrue(output.get(0).startsWith("main: server is listening"), output.toString());
        long probes = shown + folded;
        // the backoff alone (2 ms doubling to 10 ms) probes about 100 times a second
        assertTrue(probes > loadMs / 100 && probes < loadMs * 150 / 1000, probes + " probes in a load of " + loadMs + " ms");
    }

    /** SPEC §3: another process that takes the port during the start answers health, but is not ours. */
    /** As in llama-swap, a model's {@code env: [PATH=...]} is for its server: its program is found on Swapdeck's. */
    @Test
    void aModelsOwnPathDoesNotHideItsProgram() throws Exception {
        int port = TestModels.model("cuda").build().proxy().getPort();
        String own = DemoUpstreamCommand.shellLine("--port", Integer.toString(port), "--model", "cuda");
        ChildProcess process = process(TestModels.model("cuda").port(port)
                .cmd(List.of("sh", "-c", "exec " + own)).env("PATH", "/usr/local/cuda/bin").build());
        await(process.ensureReady());
        assertEquals(ProcessState.READY, process.state());
    }

    @Test
    void aHealthAnswerFromAStrangerOnThePortNeverMarksTheModelReady() throws Exception {
        int port = TestModels.model("late").build().proxy().getPort();
        String own = DemoUpstreamCommand.shellLine("--port", Integer.toString(port), "--model", "late");
        ChildProcess process = process(TestModels.model("late").port(port)
                .cmd(List.of("sh", "-c", "sleep 5; exec " + own)).build());
        CompletableFuture<Void> ready = process.ensureReady();
        Process stranger = new ProcessBuilder(DemoUpstreamCommand.argv("--port", Integer.toString(port), "--model",
                "stranger")).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Await.until("the stranger named", PATIENCE, () -> texts(logs.proxyHistory()).stream()
                    .anyMatch(t -> t.contains("pid " + stranger.pid()) && t.contains("not the server Swapdeck started")));
            assertEquals(ProcessState.STARTING, process.state(), "the stranger's 200 does not make it ready");
        } finally {
            stranger.destroyForcibly().waitFor();
        }

        await(ready);
        assertEquals(ProcessState.READY, process.state(), "its own server, once the port was free");
    }

    /**
     * llama-server binds with SO_REUSEPORT: a stranger can listen beside the model's own server and get
     * its requests. Neither gives way (two Swapdecks starting the same model, say), so the start fails
     * at once and names the stranger, instead of waiting out the health timeout.
     */
    @Test
    void aStrangerListeningBesideTheModelsOwnServerFailsTheStartAtOnce() throws Exception {
        int port = TestModels.model("shared").build().proxy().getPort();
        ChildProcess process = process(TestModels.model("shared").port(port)
                .cmd(LlamaLikeUpstream.argv("--port", Integer.toString(port), "--load-ms", "3000")).build());
        CompletableFuture<Void> ready = process.ensureReady();
        Await.until("the model's own server loading", PATIENCE, () -> texts(logs.modelHistory("shared")).stream()
                .anyMatch(t -> t.startsWith("main: server is listening")));
        Process stranger = new ProcessBuilder(LlamaLikeUpstream.argv("--port", Integer.toString(port)))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            StartFailedException e = failure(ready, StartFailedException.class);
            assertTrue(e.getMessage().startsWith("port conflict: pid " + stranger.pid() + " (")
                    && e.getMessage().contains("listens on port " + port + " beside the server Swapdeck started"),
                    e.getMessage());
            assertEquals(ProcessState.STOPPED, process.state());
        } finally {
            stranger.destroyForcibly().waitFor();
        }
    }

    /**
     * A server on the same port of another address (127.0.0.2 here; a LAN address, say) gets none of
     * the model's requests: it is no conflict, before the spawn or during the start.
     */
    @Test
    void aListenerOnTheSamePortOfAnotherAddressIsNoStranger() throws Exception {
        int port = TestModels.model("apart").build().proxy().getPort();
        Process other = new ProcessBuilder(LlamaLikeUpstream.argv("--host", "127.0.0.2", "--port", Integer.toString(port)))
                .redirectErrorStream(true).start();
        try {
            assertEquals("main", new String(other.getInputStream().readNBytes(4)), "the other server listening");
            ChildProcess process = process(TestModels.model("apart").port(port)
                    .cmd(LlamaLikeUpstream.argv("--port", Integer.toString(port), "--load-ms", "300")).build());

            await(process.ensureReady());

            assertEquals(ProcessState.READY, process.state());
            assertTrue(texts(logs.proxyHistory()).stream().noneMatch(t -> t.contains("holds it")), logs.proxyHistory().toString());
        } finally {
            other.destroyForcibly().waitFor();
        }
    }

    /** A model given Swapdeck's own port (a startPort equal to --listen's): the message does not say "stop" Swapdeck. */
    @Test
    void aModelOnSwapdecksOwnPortIsToldToMove() throws Exception {
        try (java.net.ServerSocket own = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            ChildProcess process = process(TestModels.model("mine").port(own.getLocalPort())
                    .cmd(LlamaLikeUpstream.argv("--port", Integer.toString(own.getLocalPort()))).build());

            StartFailedException e = failure(process.ensureReady(), StartFailedException.class);

            assertEquals("port conflict: port " + own.getLocalPort() + " is where Swapdeck itself listens — give model"
                    + " mine another port (startPort, or its cmd and proxy)", e.getMessage());
        }
    }

    /** Two models written with one fixed port, run side by side: the message names the other model, not "stop that process". */
    @Test
    void aModelOnAPortItsNeighbourHoldsIsToldSo() throws Exception {
        ChildProcess first = process(TestModels.demo("first"));
        await(first.ensureReady());
        int port = first.config().proxy().getPort();
        ChildProcess second = process(TestModels.model("second").port(port).build());

        StartFailedException e = failure(second.ensureReady(), StartFailedException.class);

        assertEquals("port conflict: port " + port + " is where model first listens (pid " + first.info().pid().orElseThrow()
                + "), which Swapdeck runs beside second — give each its own port (${PORT} in cmd and proxy), or let them"
                + " run only one at a time", e.getMessage());
    }

    /** A cmd that puts its server in the background exits at once with 0: the failure says what went wrong. */
    @Test
    void aCommandThatBackgroundsItsServerIsToldToKeepItInTheForeground() throws Exception {
        ChildProcess process = process(TestModels.model("daemon").cmd(List.of("sh", "-c", "sleep 60 &")).build());

        StartFailedException e = failure(process.ensureReady(), StartFailedException.class);

        assertTrue(e.getMessage().startsWith("exited with code 0 during start; ") && e.getMessage().endsWith("; it left 1"
                + " process(es) running in the background, now stopped: cmd must keep the server in the foreground (no"
                + " '&', no daemon mode)"), e.getMessage());
    }

    /** A stranger alone on the port until the health timeout: the failure names it, not a silent server. */
    @Test
    void aStartThatOnlyAStrangerAnsweredTimesOutNamingIt() throws Exception {
        int port = TestModels.model("late").build().proxy().getPort();
        // 6 s: the stranger is a JVM started after the spawn, which a loaded machine may take 3 s to start
        ChildProcess process = process(TestModels.model("late").port(port).cmd(List.of("sh", "-c", "exec sleep 30")).build(),
                Duration.ofSeconds(6), Duration.ofSeconds(1));
        CompletableFuture<Void> ready = process.ensureReady();
        Await.until("spawned", PATIENCE, () -> process.info().pid().isPresent());
        Process stranger = new ProcessBuilder(DemoUpstreamCommand.argv("--port", Integer.toString(port), "--model",
                "stranger")).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            StartFailedException e = failure(ready, StartFailedException.class);
            assertTrue(e.getMessage().startsWith("health check timed out after 6 s: only pid " + stranger.pid() + " ("),
                    e.getMessage());
        } finally {
            stranger.destroyForcibly().waitFor();
        }
    }

    @Test
    void missingCommandFailsTheStartWithAnActionableMessage() throws Exception {
        ChildProcess process = process(TestModels.model("ghost").cmd(List.of("/nonexistent/llama-server")).build());

        StartFailedException e = failure(process.ensureReady(), StartFailedException.class);

        assertEquals("command not found: /nonexistent/llama-server — check cmd of model ghost", e.getMessage());
        assertEquals("ghost", e.model());
        assertEquals(ProcessState.STOPPED, process.state());
        assertEquals(List.of("stopped>starting", "starting>stopped"), moves());
        assertEquals(e.getMessage(), process.info().lastError().orElseThrow());
        assertTrue(texts(logs.proxyHistory()).contains("starting → stopped (failed): " + e.getMessage()),
                "the log says failed, as the window's badge does: " + texts(logs.proxyHistory()));
    }

    /** A failure before the spawn still ends the start: a model left starting would block every swap. */
    @Test
    void aCommandNoPathCanNameFailsTheStartInsteadOfLeavingItStarting() throws Exception {
        ChildProcess process = process(TestModels.model("nul").cmd(List.of("/tmp/run\0x")).build());

        StartFailedException e = failure(process.ensureReady(), StartFailedException.class);

        assertTrue(e.getMessage().startsWith("cannot run the command: "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" — check cmd of model nul"), e.getMessage());
        assertEquals(ProcessState.STOPPED, process.state());
    }

    /** A model loaded without cmd (as llama-swap loads it) fails each start, saying what it lacks. */
    @Test
    void aModelWithoutACommandFailsItsStartSayingSo() throws Exception {
        ChildProcess process = process(TestModels.model("remote").cmd(List.of()).build());

        StartFailedException e = failure(process.ensureReady(), StartFailedException.class);

        assertEquals("model remote has no cmd: add the command that starts its server (a server that runs elsewhere"
                + " goes in peers)", e.getMessage());
        assertEquals(ProcessState.STOPPED, process.state());
    }

    @Test
    void aDirectoryAsTheProgramIsNamedSo(@TempDir Path dir) throws Exception {
        ChildProcess process = process(TestModels.model("dir").cmd(List.of(dir.toString())).build());

        StartFailedException e = failure(process.ensureReady(), StartFailedException.class);

        assertEquals(dir + " is a directory, not a program — check cmd of model dir", e.getMessage());
    }

    @Test
    void exitDuringStartReportsTheCodeAndLastOutput() throws Exception {
        ChildProcess process = process(TestModels.demo("quitter", "--exit-at-start", "4"));

        StartFailedException e = failure(process.ensureReady(), StartFailedException.class);

        assertEquals("exited with code 4 during start; last output: exiting at start with code 4 as asked",
                e.getMessage());
        assertEquals(ProcessState.STOPPED, process.state());
        assertEquals(e.getMessage(), process.info().lastError().orElseThrow());
    }

    /** A server that never listens where its proxy points: the timeout says what the probes met. */
    @Test
    void aTimeoutNamesWhatTheProbesMet() throws Exception {
        ModelConfig deaf = TestModels.model("deaf").cmd(List.of("sleep", "30")).build();
        ChildProcess process = process(deaf, Duration.ofSeconds(1), ChildProcess.STOP_GRACE);

        StartFailedException e = failure(process.ensureReady(), StartFailedException.class);

        assertTrue(e.getMessage().startsWith("health check timed out after 1 s (no 200 from " + deaf.proxy()
                + "/health; the last try: connection refused (nothing listens on 127.0.0.1:" + deaf.proxy().getPort()
                + "))"), e.getMessage());
    }

    @Test
    void healthCheckTimeoutStopsTheProcess() throws Exception {
        // 5 s: a loaded machine may take 3 s to start the demo JVM, and the message names the 503 it met
        ChildProcess process = process(TestModels.demo("stuck", "--never-healthy"), Duration.ofSeconds(5),
                ChildProcess.STOP_GRACE);

        StartFailedException e = failure(process.ensureReady(), StartFailedException.class);

        assertTrue(e.getMessage().startsWith("health check timed out after 5 s (no 200 from http://127.0.0.1:"),
                e.getMessage());
        assertTrue(e.getMessage().contains("/health; the last try: answered 503)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("needs a larger healthCheckTimeout; one that answers elsewhere, "
                + "another checkEndpoint"), "it says what to change: " + e.getMessage());
        assertEquals(ProcessState.STOPPED, process.state());
        assertEquals(List.of("stopped>starting", "starting>stopping", "stopping>stopped"), moves());
        assertTrue(texts(logs.modelHistory("stuck")).contains("shutting down"));
    }

    @Test
    void crashOfAReadyProcessIsReportedAndTheNextRequestStartsItAgain() throws Exception {
        ModelConfig model = TestModels.demo("fragile", "--exit-after", "1");
        ChildProcess process = process(model);
        await(process.ensureReady());
        long crashed = process.info().generation();
        assertTrue(process.exitOf(crashed).isEmpty(), "running");

        http.send(HttpRequest.newBuilder(URI.create(model.proxy() + "/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"fragile\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        StateChanged crash = states.await(e -> e.from() == ProcessState.READY, PATIENCE);

        assertEquals(ProcessState.STOPPED, crash.to());
        assertTrue(crash.reason().startsWith("exited with code 3; last output: listening on http://")
                && crash.reason().endsWith(" | request POST /v1/chat/completions model=fragile"
                + " | exiting with code 3 after 1 model requests as asked"), "its last lines: " + crash.reason());
        assertEquals(crash.reason(), process.info().lastError().orElseThrow());
        assertEquals(crash.reason(), process.exitOf(crashed).orElseThrow());
        await(process.ensureReady());
        assertEquals(ProcessState.READY, process.state());
        assertTrue(process.info().lastError().isEmpty(), "a new start clears the last error");
        assertEquals(crash.reason(), process.exitOf(crashed).orElseThrow(),
                "the crashed run's end is kept for the requests it was serving");
        assertTrue(process.exitOf(process.info().generation()).isEmpty(), "the new run has not ended");
    }

    @Test
    void withoutCheckEndpointItIsReadyAsSoonAsSpawned() throws Exception {
        ChildProcess process = process(TestModels.model("bare").demoArgs("--never-healthy").noCheckEndpoint().build());
        await(process.ensureReady());
        assertEquals(ProcessState.READY, process.state());
    }

    @Test
    void outputGoesToTheUpstreamAndModelLogsNeverTheProxyLog() throws Exception {
        ModelConfig model = TestModels.model("chatty").env("SWAPDECK_TEST_VALUE", "from-env")
                .cmd(List.of("sh", "-c", "echo \"env says $SWAPDECK_TEST_VALUE\"; exec "
                        + DemoUpstreamCommand.shellLine("--port", "0", "--startup-lines", "3")))
                .noCheckEndpoint().build();
        ChildProcess process = process(model);
        await(process.ensureReady());
        states.close();

        Await.until("the demo's listening line", PATIENCE, () ->
                texts(logs.upstreamHistory()).stream().anyMatch(t -> t.startsWith("listening on")));
        List<String> upstream = texts(logs.upstreamHistory());
        assertTrue(upstream.containsAll(List.of("env says from-env", "startup: loading layer 1 of 3")), upstream::toString);
        assertEquals(upstream, texts(logs.modelHistory("chatty")));
        assertTrue(logs.upstreamHistory().stream().allMatch(l -> "chatty".equals(l.model())));
        assertTrue(texts(logs.proxyHistory()).stream().noneMatch(t -> t.contains("startup: loading")));
    }

    @Test
    void theChildReadsNoInput() throws Exception {
        ChildProcess process = process(TestModels.model("reader")
                .cmd(List.of("sh", "-c", "cat; exec " + DemoUpstreamCommand.shellLine("--port", "0"))).noCheckEndpoint().build());
        await(process.ensureReady());
        Await.until("cat to see the end of its input and the demo to start", PATIENCE,
                () -> texts(logs.modelHistory("reader")).stream().anyMatch(t -> t.startsWith("listening on")));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
