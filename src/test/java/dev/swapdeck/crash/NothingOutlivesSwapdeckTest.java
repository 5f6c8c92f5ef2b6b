package dev.swapdeck.crash;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.state.StateFolder;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.DemoUpstreamCommand;
import dev.swapdeck.testing.DemoYaml;
import dev.swapdeck.testing.FreePorts;
import dev.swapdeck.testing.SwapdeckJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §9: when Swapdeck is killed outright (SIGKILL, as the OOM killer or a desktop does), every model
 * process it started, and everything those started, is gone within 2 seconds: here a {@code cmdStop}
 * model and a shell wrapper whose server is its child. Until then they live on, though the threads
 * that started them have ended.
 */
@EnabledOnOs(OS.LINUX)
class NothingOutlivesSwapdeckTest {
    /** The contract's bound, not a guess at speed: this is what is promised to users. */
    private static final Duration CONTRACT = Duration.ofSeconds(2);

    @Test
    void sigkillOfSwapdeckTakesAProfileOfTwoModelsAndTheirChildrenWithIt(@TempDir Path dir) throws Exception {
        String yaml = "models:\n" + DemoYaml.model("plain", FreePorts.loopback(), List.of(),
                        "cmdStop: sh -c 'touch " + dir.resolve("cmdStop-ran-for-") + "${PID}; kill -TERM ${PID}'")
                + DemoYaml.modelInShell("wrapped", FreePorts.loopback())
                + "profiles:\n  pair: [plain, wrapped]\n";
        try (SwapdeckJvm app = SwapdeckJvm.in(dir).config(yaml)
                .env(StateFolder.ENV_VARIABLE, dir.resolve("state").toString()).start()) {
            app.load("pair:plain");
            app.load("pair:wrapped");
            long plainPid = app.pidOf("plain");
            List<Long> started = app.process.toHandle().descendants().map(ProcessHandle::pid).collect(Collectors.toList());
            assertTrue(ProcTable.living(started).size() >= 4, "two models, the wrapper's own child and the watchdog: "
                    + ProcTable.describe(started));

            new ProcessBuilder("kill", "-9", Long.toString(app.process.pid())).inheritIO().start().waitFor();

            Await.until(() -> "every process Swapdeck started to be gone; alive: "
                    + ProcTable.describe(ProcTable.living(started)), CONTRACT, () -> ProcTable.living(started).isEmpty());
            Await.until("the cmdStop model's stop command to run (a container would outlive its client)", CONTRACT,
                    () -> Files.exists(dir.resolve("cmdStop-ran-for-" + plainPid)));
        }
    }

    /** Something killed the watchdog: another guards the running models, their cmdStop included. */
    @Test
    void aWatchdogKilledOnItsOwnIsReplacedAndTheReplacementGuardsTheRunningModels(@TempDir Path dir) throws Exception {
        String yaml = "models:\n" + DemoYaml.model("plain", FreePorts.loopback(), List.of(),
                "cmdStop: sh -c 'touch " + dir.resolve("cmdStop-ran-for-") + "${PID}; kill -TERM ${PID}'");
        try (SwapdeckJvm app = SwapdeckJvm.in(dir).config(yaml)
                .env(StateFolder.ENV_VARIABLE, dir.resolve("state").toString()).start()) {
            app.load("plain");
            long plainPid = app.pidOf("plain");
            long first = watchdogOf(app).orElseThrow();

            new ProcessBuilder("kill", "-9", Long.toString(first)).inheritIO().start().waitFor();
            Await.until("another watchdog", CONTRACT, () -> watchdogOf(app).filter(pid -> pid != first).isPresent());

            new ProcessBuilder("kill", "-9", Long.toString(app.process.pid())).inheritIO().start().waitFor();
            Await.until("the replacement to run the running model's stop command", CONTRACT,
                    () -> Files.exists(dir.resolve("cmdStop-ran-for-" + plainPid)));
        }
    }

    private static Optional<Long> watchdogOf(SwapdeckJvm app) {
        return app.process.toHandle().descendants().filter(p -> p.isAlive() && p.info().arguments()
                .map(args -> List.of(args).contains("model-watchdog")).orElse(false))
                .map(ProcessHandle::pid).findFirst();
    }

    /** The watchdog runs cmdStop as Swapdeck would: one that hangs is killed with what it started when its grace ends. */
    @Test
    void aCmdStopThatHangsAfterSwapdeckDiedIsKilledWhenItsGraceEnds(@TempDir Path dir) throws Exception {
        String yaml = "models:\n" + DemoYaml.model("stubborn", FreePorts.loopback(), List.of(),
                "cmdStop: sh -c 'sleep 30421; true'", "unloadTimeout: 1");
        try (SwapdeckJvm app = SwapdeckJvm.in(dir).config(yaml)
                .env(StateFolder.ENV_VARIABLE, dir.resolve("state").toString()).start()) {
            app.load("stubborn");

            new ProcessBuilder("kill", "-9", Long.toString(app.process.pid())).inheritIO().start().waitFor();

            Await.until("the stop command runs", CONTRACT, () -> !withArgument("30421").isEmpty());
            long pid = withArgument("30421").get(0).pid();
            Await.until("the stop command killed after its grace of 1 s", Duration.ofSeconds(5),
                    () -> ProcTable.living(List.of(pid)).isEmpty());
        }
    }

    /** A server its wrapper started with setsid and a double fork is out of every group the watchdog guards. */
    @Test
    void sigkillOfSwapdeckTakesWhatLeftItsGroupWithIt(@TempDir Path dir) throws Exception {
        try (SwapdeckJvm app = loaded(dir, "detached", "sh -c '(setsid sleep 30413 &); exec sleep 300'")) {
            Await.until("the detached server runs", CONTRACT, () -> !withArgument("30413").isEmpty());
            long pid = withArgument("30413").get(0).pid();

            new ProcessBuilder("kill", "-9", Long.toString(app.process.pid())).inheritIO().start().waitFor();

            Await.until("the detached server gone", CONTRACT, () -> ProcTable.living(List.of(pid)).isEmpty());
        }
    }

    /**
     * A detached server that keeps starting helpers of its own (each out of its group, as a double fork
     * leaves them): one started while the watchdog reads the process table, after it passed over it,
     * is marked as well and must go too.
     */
    @Test
    void sigkillOfSwapdeckTakesWhatADetachedServerStartsWhileTheWatchdogLooks(@TempDir Path dir) throws Exception {
        String spawner = "while :; do (sleep 30422 &); sleep 0.01; done";
        try (SwapdeckJvm app = loaded(dir, "spawning", "sh -c '(setsid sh -c \"" + spawner + "\" &); exec sleep 300'")) {
            Await.until("the detached server's helpers run", CONTRACT, () -> !withArgument("30422").isEmpty());
            assertFalse(withArgument(spawner).isEmpty(), "the detached server, found by its script");

            new ProcessBuilder("kill", "-9", Long.toString(app.process.pid())).inheritIO().start().waitFor();

            try {
                Await.until("every helper and the server gone", CONTRACT, () -> withArgument("30422").isEmpty()
                        && withArgument(spawner).isEmpty());
            } finally {
                withArgument("30422").forEach(ProcessHandle::destroyForcibly);
                withArgument(spawner).forEach(ProcessHandle::destroyForcibly);
            }
        }
    }

    /**
     * A wrapper that starts the server under {@code setsid env -i}: no group the watchdog guards, no mark.
     * Found holding the model's port when it turned healthy, it is guarded on its own.
     */
    @Test
    void sigkillOfSwapdeckTakesAServerStartedWithoutGroupOrMark(@TempDir Path dir) throws Exception {
        int port = FreePorts.loopback();
        String server = "setsid env -i " + DemoUpstreamCommand.shellLine("--port", Integer.toString(port), "--model", "envless");
        String yaml = "models:\n  envless:\n    cmd: |\n      sh -c \"" + server + " & wait\"\n"
                + "    proxy: http://127.0.0.1:" + port + "\n";
        try (SwapdeckJvm app = SwapdeckJvm.in(dir).config(yaml)
                .env(StateFolder.ENV_VARIABLE, dir.resolve("state").toString()).start()) {
            app.load("envless");
            long pid = app.process.descendants().filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                    .findFirst().orElseThrow().pid();

            new ProcessBuilder("kill", "-9", Long.toString(app.process.pid())).inheritIO().start().waitFor();

            Await.until("the server gone", CONTRACT, () -> ProcTable.living(List.of(pid)).isEmpty());
        }
    }

    /**
     * A server that a wrapper's script started apart (setsid env -i), before it listens anywhere: only its
     * parent, the script, a member of the model's group, leads to it, and the kill of that group orphaned
     * it. (Here it never listens: a server killed with Swapdeck in its first milliseconds. Started by the
     * model's own process, it is orphaned as that process dies of PR_SET_PDEATHSIG, before the watchdog
     * can look: that gap stays until the server listens and is found on its port.)
     */
    @Test
    void sigkillOfSwapdeckTakesAServerAScriptStartedWithoutGroupOrMark(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("serve.sh"), "setsid env -i sleep 1234.5 &\nwait\n");
        String yaml = "models:\n  quiet:\n    cmd: sh -c \"sh " + script + "; exit\"\n"
                + "    proxy: http://127.0.0.1:" + FreePorts.loopback() + "\n    checkEndpoint: none\n";
        try (SwapdeckJvm app = SwapdeckJvm.in(dir).config(yaml)
                .env(StateFolder.ENV_VARIABLE, dir.resolve("state").toString()).start()) {
            app.load("quiet");
            Await.until("the server started", CONTRACT, () -> sleeper().isPresent());
            long server = sleeper().orElseThrow();

            new ProcessBuilder("kill", "-9", Long.toString(app.process.pid())).inheritIO().start().waitFor();

            Await.until("the server gone", CONTRACT, () -> ProcTable.living(List.of(server)).isEmpty());
        }
    }

    private static Optional<Long> sleeper() {
        return ProcessHandle.allProcesses().filter(p -> p.info().arguments().map(a -> List.of(a).contains("1234.5"))
                .orElse(false)).map(ProcessHandle::pid).findFirst();
    }

    /**
     * The same server while it still loads (503, as llama-server answers then): found holding the port
     * at the first such answer, it is guarded and recorded from then on, not only once it turns healthy.
     */
    @Test
    void sigkillOfSwapdeckTakesAServerWithoutGroupOrMarkThatStillLoads(@TempDir Path dir) throws Exception {
        int port = FreePorts.loopback();
        String server = "setsid env -i " + DemoUpstreamCommand.shellLine("--port", Integer.toString(port), "--model",
                "loading", "--never-healthy");
        String yaml = "models:\n  loading:\n    cmd: |\n      sh -c \"" + server + " & wait\"\n"
                + "    proxy: http://127.0.0.1:" + port + "\n    healthCheckTimeout: 60\n";
        Path state = dir.resolve("state");
        try (SwapdeckJvm app = SwapdeckJvm.in(dir).config(yaml).env(StateFolder.ENV_VARIABLE, state.toString()).start()) {
            CompletableFuture.runAsync(() -> {
                try {
                    app.post("/api/models/load/loading");
                } catch (Exception e) {
                    // ends with the JVM, killed below
                }
            });
            long[] pid = new long[1];
            Await.until("the loading server recorded", Duration.ofSeconds(20), () -> {
                pid[0] = app.process.descendants().filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                        .mapToLong(ProcessHandle::pid).findFirst().orElse(0);
                return pid[0] > 0 && Pattern.compile("\"pid\"\\s*:\\s*" + pid[0] + "\\b").matcher(recorded(state)).find();
            });

            new ProcessBuilder("kill", "-9", Long.toString(app.process.pid())).inheritIO().start().waitFor();

            Await.until("the loading server gone", CONTRACT, () -> ProcTable.living(List.of(pid[0])).isEmpty());
        }
    }

    /** The text of every record of children in {@code state}; "" while it cannot be read (being replaced). */
    private static String recorded(Path state) {
        if (!Files.isDirectory(state)) {
            return "";
        }
        try (Stream<Path> files = Files.list(state)) {
            StringBuilder text = new StringBuilder();
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("children-")).toList()) {
                text.append(Files.readString(file));
            }
            return text.toString();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * {@code pkill -9 -f swapdeck}, a common way to end a hung Swapdeck, kills every process whose
     * command line names it: the watchdog's does not, so it outlives the JVM and takes down what a
     * wrapper script started (PR_SET_PDEATHSIG reaches only the wrapper).
     */
    @Test
    void killingEveryProcessNamedSwapdeckLeavesTheWatchdogToStopWhatWrappersStarted(@TempDir Path dir) throws Exception {
        try (SwapdeckJvm app = loaded(dir, "wrapped", "sh -c 'sleep 30419; true'")) {
            Await.until("the wrapped server runs", CONTRACT, () -> !withArgument("30419").isEmpty());
            long pid = withArgument("30419").get(0).pid();
            assertTrue(watchdogOf(app).isPresent());

            List<ProcessHandle> named = new ArrayList<>(List.of(app.process.toHandle()));
            app.process.descendants().filter(p -> p.info().commandLine().map(line -> line.contains("swapdeck"))
                    .orElse(false)).forEach(named::add);
            named.forEach(ProcessHandle::destroyForcibly);

            Await.until("the wrapped server gone", CONTRACT, () -> ProcTable.living(List.of(pid)).isEmpty());
        }
    }

    /** A Swapdeck whose one model runs {@code cmd} (no health check), with that model loaded. */
    private static SwapdeckJvm loaded(Path dir, String model, String cmd) throws Exception {
        String yaml = "models:\n  " + model + ":\n    cmd: " + cmd + "\n    proxy: http://127.0.0.1:9\n"
                + "    checkEndpoint: none\n";
        SwapdeckJvm app = SwapdeckJvm.in(dir).config(yaml).env(StateFolder.ENV_VARIABLE, dir.resolve("state").toString())
                .start();
        try {
            app.load(model);
            return app;
        } catch (Exception | AssertionError e) {
            app.close();
            throw e;
        }
    }

    /** Every process one of whose arguments is {@code argument}: a {@code sleep}'s duration, a shell's {@code -c} script. */
    private static List<ProcessHandle> withArgument(String argument) {
        return ProcessHandle.allProcesses().filter(p -> p.info().arguments()
                .map(args -> List.of(args).contains(argument)).orElse(false)).collect(Collectors.toList());
    }

}
