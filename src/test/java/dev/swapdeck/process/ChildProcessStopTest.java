package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.DemoUpstreamCommand;
import dev.swapdeck.testing.ProcessAssertions;
import dev.swapdeck.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChildProcessStopTest extends ChildProcessFixture {
    private static final Duration SHORT_GRACE = Duration.ofMillis(500);

    @Test
    void stopSendsSigtermAndTheUpstreamShutsDownCleanly() throws Exception {
        ChildProcess process = process(TestModels.demo("alpha"));
        await(process.ensureReady());
        long pid = process.info().pid().orElseThrow();

        await(process.stop("unloaded by test"));

        assertEquals(ProcessState.STOPPED, process.state());
        assertEquals(List.of("stopped>starting", "starting>ready", "ready>stopping", "stopping>stopped"), moves());
        assertEquals("unloaded by test", states.events().get(2).reason());
        assertEquals("exited with code 0", states.events().get(3).reason());
        assertTrue(texts(logs.modelHistory("alpha")).contains("shutting down"));
        ProcessAssertions.assertGone(pid, Duration.ofSeconds(1));
        assertTrue(process.info().pid().isEmpty() && process.info().lastError().isEmpty());
    }

    @Test
    void upstreamIgnoringSigtermIsKilledAfterTheGrace() throws Exception {
        ChildProcess process = process(TestModels.demo("stubborn", "--ignore-sigterm"), HEALTH_TIMEOUT, SHORT_GRACE);
        await(process.ensureReady());

        long started = System.nanoTime();
        await(process.stop("test"));
        long tookMillis = (System.nanoTime() - started) / 1_000_000L;

        assertTrue(tookMillis >= SHORT_GRACE.toMillis() - 50, "waited out the grace: " + tookMillis);
        assertTrue(texts(logs.modelHistory("stubborn")).contains("ignoring SIGTERM as asked"));
        assertTrue(logs.proxyHistory().stream().anyMatch(l -> l.level() == LogLevel.WARN && l.text().contains("SIGKILL")));
        assertEquals("exited with code 137 (SIGKILL), killed: still running when the grace ended",
                states.events().get(3).reason());
    }

    @Test
    void stopDuringStartInterruptsItAtOnce() throws Exception {
        ChildProcess process = process(TestModels.demo("loading", "--never-healthy"));
        CompletableFuture<Void> start = process.ensureReady();
        Await.until("the upstream to listen", PATIENCE, () -> texts(logs.modelHistory("loading")).stream()
                .anyMatch(t -> t.startsWith("listening on")));

        long asked = System.nanoTime();
        CompletableFuture<Void> stop = process.stop("user changed their mind");
        StartFailedException e = failure(start, StartFailedException.class);
        long failedAfterMillis = (System.nanoTime() - asked) / 1_000_000L;

        assertTrue(failedAfterMillis < 1000, "the start gave up at once, not after the timeout: " + failedAfterMillis);
        assertTrue(e.getMessage().contains("interrupted: user changed their mind"), e.getMessage());
        await(stop);
        assertEquals(List.of("stopped>starting", "starting>stopping", "stopping>stopped"), moves());
        assertTrue(process.info().lastError().isEmpty(), "a stop is not an error");
    }

    @Test
    void stopRightAfterTheStartRequestNeverLeavesTheChildRunning() throws Exception {
        ChildProcess process = process(TestModels.demo("hasty"));
        CompletableFuture<Void> start = process.ensureReady();
        await(process.stop("never mind"));

        failure(start, StartFailedException.class);
        assertEquals(ProcessState.STOPPED, process.state());
        ProcessAssertions.assertNoDescendants(Duration.ofSeconds(5));
    }

    @Test
    void aStartRequestedWhileStoppingBeginsOnceTheStopIsDone() throws Exception {
        ChildProcess process = process(TestModels.demo("again", "--ignore-sigterm"), HEALTH_TIMEOUT, SHORT_GRACE);
        await(process.ensureReady());
        CompletableFuture<Void> stop = process.stop("swap");
        Await.until("stopping", PATIENCE, () -> process.state() == ProcessState.STOPPING);

        CompletableFuture<Void> restart = process.ensureReady();
        await(restart);

        await(stop);
        assertEquals(List.of("stopped>starting", "starting>ready", "ready>stopping", "stopping>stopped",
                "stopped>starting", "starting>ready"), moves());
    }

    @Test
    void shutdownIsFinal() throws Exception {
        ChildProcess process = process(TestModels.demo("last"));
        await(process.ensureReady());

        await(process.shutdown());

        assertEquals(ProcessState.SHUTDOWN, process.state());
        assertEquals(List.of("stopped>starting", "starting>ready", "ready>stopping", "stopping>shutdown"), moves());
        failure(process.ensureReady(), ShuttingDownException.class);
        assertTrue(process.stop("late").isDone());
        assertTrue(process.shutdown().isDone());
    }

    @Test
    void shutdownOfAStoppedProcessMovesStraightToShutdown() throws Exception {
        ChildProcess process = process(TestModels.demo("idle"));
        await(process.shutdown());
        assertEquals(List.of("stopped>shutdown"), moves());
    }

    @Test
    void shutdownDuringAStopEndsInShutdown() throws Exception {
        ChildProcess process = process(TestModels.demo("both", "--ignore-sigterm"), HEALTH_TIMEOUT, SHORT_GRACE);
        await(process.ensureReady());
        CompletableFuture<Void> stop = process.stop("first");

        await(process.shutdown());

        await(stop);
        assertEquals(ProcessState.SHUTDOWN, process.state());
    }

    @Test
    void grandchildrenAreStoppedWithTheirParent() throws Exception {
        ModelConfig model = TestModels.model("family").build();
        String demo = DemoUpstreamCommand.shellLine("--port", Integer.toString(model.proxy().getPort()), "--model", "family");
        ChildProcess process = process(TestModels.model("family").port(model.proxy().getPort())
                .cmd(List.of("sh", "-c", "sleep 300 & exec " + demo)).build());
        await(process.ensureReady());
        List<Long> descendants = ProcessHandle.of(process.info().pid().orElseThrow()).orElseThrow()
                .descendants().map(ProcessHandle::pid).collect(Collectors.toList());
        assertFalse(descendants.isEmpty(), "the sleep runs under the upstream");

        await(process.stop("test"));

        descendants.forEach(pid -> ProcessAssertions.assertGone(pid, Duration.ofSeconds(2)));
    }

    /** The child gets its SIGTERM before its tree is read (the stop is on a swap's path), and only once. */
    @Test
    void aStoppingServerIsAskedOnceEvenThoughItsTreeIsSignalledAfterIt() throws Exception {
        ChildProcess process = process(TestModels.model("once").noCheckEndpoint()
                .cmd(List.of("sh", "-c", "trap 'echo got TERM; sleep 0.3; exit 0' TERM; echo up; sleep 300 & wait")).build());
        await(process.ensureReady());
        Await.until("the server is up", PATIENCE, () -> texts(logs.modelHistory("once")).contains("up"));
        ProcessHandle server = ProcessHandle.of(process.info().pid().orElseThrow()).orElseThrow();
        // forked and exec'd: a SIGTERM that reaches the fork before its exec runs the shell's trap there
        // and is lost, and that sleep would then outlive the grace (seen under load)
        Await.until("the server's sleep running", PATIENCE, () -> server.descendants()
                .anyMatch(child -> child.info().command().map(command -> command.endsWith("/sleep")).orElse(false)));
        List<Long> tree = server.descendants().map(ProcessHandle::pid).collect(Collectors.toList());

        await(process.stop("test"));

        assertEquals(1, texts(logs.modelHistory("once")).stream().filter("got TERM"::equals).count(),
                texts(logs.modelHistory("once")).toString());
        assertEquals("exited with code 0", states.events().get(3).reason());
        tree.forEach(pid -> ProcessAssertions.assertGone(pid, Duration.ofSeconds(2)));
    }

    /**
     * What the server starts to handle its SIGTERM (a wrapper's cleanup) is not signalled: the members
     * are signalled after the server, once read, and a signal to the group would not have reached it.
     * Several stops, as the read overtook the handler's start in one or two of five before.
     */
    @Test
    void whatTheServerStartsOnItsSigtermIsLeftToFinish() throws Exception {
        ChildProcess process = process(TestModels.model("tidy").noCheckEndpoint().cmd(List.of("sh", "-c",
                "trap 'sleep 0.2; echo cleanup ended with $?; exit 0' TERM; echo up; sleep 300 & wait")).build());
        int stops = 6;
        for (int stop = 1; stop <= stops; stop++) {
            int upLines = stop;
            await(process.ensureReady());
            Await.until("the server is up", PATIENCE, () -> texts(logs.modelHistory("tidy")).stream()
                    .filter("up"::equals).count() == upLines);
            ProcessHandle server = ProcessHandle.of(process.info().pid().orElseThrow()).orElseThrow();
            Await.until("the server's sleep running", PATIENCE, () -> server.descendants()
                    .anyMatch(child -> child.info().command().map(command -> command.endsWith("/sleep")).orElse(false)));

            await(process.stop("test"));
        }
        Await.until("every cleanup's line", PATIENCE, () -> texts(logs.modelHistory("tidy")).stream()
                .filter(line -> line.startsWith("cleanup ended")).count() == stops);
        assertEquals(List.of(), texts(logs.modelHistory("tidy")).stream()
                .filter(line -> line.startsWith("cleanup ended") && !line.equals("cleanup ended with 0")).toList());
    }

    /** A wrapper that starts the real server with setsid and a double fork: out of the tree and the group. */
    @Test
    void whatLeftTheGroupAndTheTreeIsStoppedToo() throws Exception {
        ChildProcess process = process(TestModels.model("detached").noCheckEndpoint()
                .cmd(List.of("sh", "-c", "(setsid sleep 30411 &); echo up; exec sleep 300")).build());
        await(process.ensureReady());
        Await.until("the detached server runs", PATIENCE, () -> running("30411").isPresent());
        long detached = running("30411").orElseThrow().pid();
        ProcessHandle server = ProcessHandle.of(process.info().pid().orElseThrow()).orElseThrow();
        // the sleep runs as soon as it is exec'd; the subshell that started it may still be exiting
        Await.until("the detached server re-parented, out of the tree", PATIENCE,
                () -> server.descendants().noneMatch(p -> p.pid() == detached));

        await(process.stop("test"));

        ProcessAssertions.assertGone(detached, Duration.ofSeconds(2));
    }

    /**
     * A wrapper that starts the server in a session of its own with a cleared environment: out of the
     * group, without the mark, and re-parented once the wrapper is gone. Found holding the model's port,
     * it is stopped with the wrapper, and when the wrapper exits on its own.
     */
    @Test
    void aServerStartedUnderSetsidEnvMinusIIsStoppedWithItsWrapper() throws Exception {
        for (boolean waits : List.of(true, false)) {
            TestModels.Builder model = TestModels.model("envless-" + waits);
            String server = "setsid env -i " + DemoUpstreamCommand.shellLine("--port", Integer.toString(model.port()),
                    "--model", "envless");
            // a wrapper that exits on its own does so once the server listens (a JVM's start on a loaded
            // machine outlasts any fixed sleep) and a while after, so that the start is over by then
            String after = waits ? "wait"
                    : "until (exec 3<>/dev/tcp/127.0.0.1/" + model.port() + ") 2>/dev/null; do sleep 0.05; done; sleep 2";
            ChildProcess process = process(model.cmd(List.of("bash", "-c", server + " & " + after)).build());
            await(process.ensureReady());
            long wrapper = process.info().pid().orElseThrow();
            long serverPid = ProcessHandle.of(wrapper).orElseThrow().descendants()
                    .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                    .findFirst().orElseThrow().pid();

            if (waits) {
                await(process.stop("test"));
            } else {
                Await.until("the wrapper's exit is noticed", Duration.ofSeconds(10),
                        () -> process.state() == ProcessState.STOPPED);
            }

            ProcessAssertions.assertGone(serverPid, Duration.ofSeconds(3));
        }
    }

    private static Optional<ProcessHandle> running(String sleepArgument) {
        return ProcessHandle.allProcesses().filter(p -> p.info().arguments()
                .map(args -> List.of(args).equals(List.of(sleepArgument))).orElse(false)).findFirst();
    }

    @Test
    void whatACrashedServerLeftRunningIsKilled() throws Exception {
        ChildProcess process = process(TestModels.model("leaky").noCheckEndpoint()
                .cmd(List.of("sh", "-c", "sleep 301 & sleep 1.5; exit 3")).build());
        await(process.ensureReady());
        ProcessHandle server = ProcessHandle.of(process.info().pid().orElseThrow()).orElseThrow();
        Await.until("the server forked", Duration.ofSeconds(5), () -> server.descendants().findAny().isPresent());
        List<Long> leftBehind = server.descendants().map(ProcessHandle::pid).collect(Collectors.toList());

        Await.until("the crash is noticed", Duration.ofSeconds(10), () -> process.state() == ProcessState.STOPPED);

        leftBehind.forEach(pid -> ProcessAssertions.assertGone(pid, Duration.ofSeconds(3)));
    }

    @Test
    void cmdStopIsRunWithThePidInsteadOfSigterm() throws Exception {
        ChildProcess process = process(TestModels.model("custom")
                .cmdStop("sh", "-c", "echo stopping pid ${PID}; kill -TERM ${PID}").build());
        await(process.ensureReady());
        long pid = process.info().pid().orElseThrow();

        await(process.stop("test"));

        List<String> output = texts(logs.modelHistory("custom"));
        assertTrue(output.contains("stopping pid " + pid), output::toString);
        assertTrue(output.contains("shutting down"), output::toString);
        assertEquals(ProcessState.STOPPED, process.state());
    }

    /** A cmdStop may send SIGQUIT, which HotSpot blocks on the thread that starts the model: not in the model. */
    @Test
    void aModelWithACmdStopStartsWithNoStopSignalBlocked() throws Exception {
        ChildProcess process = process(TestModels.model("quits").cmdStop("kill", "-QUIT", "${PID}").build());
        await(process.ensureReady());
        long pid = process.info().pid().orElseThrow();

        String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
        assertEquals(List.of(), SignalReset.blockedStopSignals(status), status);
        await(process.stop("test"));
    }

    /**
     * A cmdStop that ends the child at once while what the child started holds on: the reason says
     * what the grace's SIGKILL ended, not that the child outlived it.
     */
    @Test
    void theReasonSaysWhenOnlyWhatTheChildStartedOutlivedTheGrace() throws Exception {
        TestModels.Builder wrapper = TestModels.model("wrapped");
        List<String> argv = List.of("sh", "-c", "trap '' TERM; " + DemoUpstreamCommand.shellLine("--port",
                Integer.toString(wrapper.port()), "--model", "wrapped", "--ignore-sigterm") + " & wait");
        ChildProcess process = process(wrapper.cmd(argv).cmdStop("kill", "-KILL", "${PID}").build(), HEALTH_TIMEOUT, SHORT_GRACE);
        await(process.ensureReady());

        await(process.stop("test"));

        assertEquals("exited with code 137 (SIGKILL); what it started was still running when the grace ended, and was"
                + " killed", states.events().get(3).reason());
    }

    /** A cmdStop that overruns the grace is killed with what it started: nothing of it outlives the stop. */
    @Test
    void aCmdStopStillRunningAfterTheGraceIsKilledWithItsChildren() throws Exception {
        ChildProcess process = process(TestModels.model("hang")
                .cmdStop("sh", "-c", "sleep 30417 & sleep 30418; kill -TERM ${PID}").build(), HEALTH_TIMEOUT, SHORT_GRACE);
        await(process.ensureReady());

        await(process.stop("test"));

        assertEquals(ProcessState.STOPPED, process.state());
        Await.until("no sleep of the cmdStop left", Duration.ofSeconds(5),
                () -> ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine()
                        .map(line -> line.contains("sleep 3041")).orElse(false)));
        assertTrue(logs.proxyHistory().stream().anyMatch(l -> l.text().startsWith("cmdStop still running when the grace"
                + " ran out; killing it and what it started")), logs.proxyHistory()::toString);
    }

    /** A cmdStop whose program is missing cannot stop anything: SIGTERM at once, not SIGKILL after the grace. */
    @Test
    void aCmdStopThatCannotRunFallsBackToSigtermAtOnce() throws Exception {
        ChildProcess process = process(TestModels.model("nostop").cmdStop("/nonexistent/stopper", "${PID}").build());
        await(process.ensureReady());

        long started = System.nanoTime();
        await(process.stop("test"));

        assertTrue((System.nanoTime() - started) / 1_000_000L < ChildProcess.STOP_GRACE.toMillis() - 1000,
                "no grace waited out");
        assertEquals("exited with code 0", states.events().get(3).reason());
        assertTrue(logs.proxyHistory().stream().anyMatch(l -> l.text().equals("cmdStop could not be run (command not "
                + "found: /nonexistent/stopper); sending SIGTERM instead")), logs.proxyHistory()::toString);
    }

    @Test
    void cmdStopSeesTheModelsEnvAsItsCmdDid() throws Exception {
        ChildProcess process = process(TestModels.model("custom").env("DOCKER_HOST", "unix:///run/model.sock")
                .cmdStop("sh", "-c", "echo stop sees $DOCKER_HOST; kill -TERM ${PID}").build());
        await(process.ensureReady());

        await(process.stop("test"));

        List<String> output = texts(logs.modelHistory("custom"));
        assertTrue(output.contains("stop sees unix:///run/model.sock"), output::toString);
    }

    @Test
    void anIllegalMoveIsRefusedLoggedAndNotPublished() {
        Lifecycle life = new Lifecycle("strict", logs);
        boolean moved = life.transition(ProcessState.STOPPED, ProcessState.READY, "skipping the start");
        assertFalse(moved);
        assertEquals(ProcessState.STOPPED, life.state());
        assertTrue(states.events().isEmpty());
        assertSame(LogLevel.WARN, logs.proxyHistory().get(logs.proxyHistory().size() - 1).level());
    }
}
