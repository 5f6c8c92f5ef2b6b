package dev.swapdeck.engine;

import static dev.swapdeck.testing.ProcessAssertions.assertGone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.ConfigException;
import dev.swapdeck.config.ConfigSources;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.routing.Lease;
import dev.swapdeck.routing.ModelStatus;
import dev.swapdeck.testing.DemoYaml;
import dev.swapdeck.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reload and {@code unloadTimeout} with the production wiring: real child processes made by
 * {@link ProcessFactory#childProcesses()} from configuration files.
 */
class ReloadAndStopGraceTest {
    private static final Duration SOON = Duration.ofSeconds(20);

    @Test
    void reloadKeepsAnUnchangedModelRunningAndRestartsAChangedOne(@TempDir Path dir) throws Exception {
        int portA = FreePorts.loopback();
        int portB = FreePorts.loopback();
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "profiles:\n  duo: [a, b]\nmodels:\n" + DemoYaml.model("a", portA, List.of())
                + DemoYaml.model("b", portB, List.of()));
        try (Core core = new Core(file)) {
            await(core.engine.load("duo:a"));
            await(core.engine.load("duo:b"));
            long aPid = core.pid("a");
            long bPid = core.pid("b");

            Files.writeString(file, "profiles:\n  duo: [a, b]\nmodels:\n" + DemoYaml.model("a", portA, List.of())
                    + DemoYaml.model("b", portB, List.of("--startup-lines", "2")) + DemoYaml.model("c", FreePorts.loopback(), List.of()));
            SwapdeckConfig reloaded = core.engine.reload(file).get(30, TimeUnit.SECONDS);

            assertEquals(List.of("a", "b", "c"), List.copyOf(reloaded.models().keySet()));
            assertEquals(ProcessState.READY, core.status("a").process().state(), "unchanged: still running");
            assertEquals(aPid, core.pid("a"), "the same process, not a restart");
            assertEquals(ProcessState.STOPPED, core.status("b").process().state(), "changed: stopped");
            assertGone(bPid, SOON);
            await(core.engine.load("duo:b"));
            assertNotEquals(bPid, core.pid("b"), "started again with its new settings");
            assertEquals(aPid, core.pid("a"), "a ran next to the new b all along");
        }
    }

    /** Names a configuration generates would otherwise each keep their history for the rest of the run. */
    @Test
    void aModelARemovalReloadStoppedKeepsNoHistoryOfItsRun(@TempDir Path dir) throws Exception {
        int portA = FreePorts.loopback();
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "models:\n" + DemoYaml.model("a", portA, List.of())
                + DemoYaml.model("gone", FreePorts.loopback(), List.of("--startup-lines", "3")));
        try (Core core = new Core(file)) {
            await(core.engine.load("gone"));
            long gonePid = core.pid("gone");
            assertTrue(core.engine.logs().modelHistory("gone").size() >= 3, "its start-up lines");

            Files.writeString(file, "models:\n" + DemoYaml.model("a", portA, List.of()));
            core.engine.reload(file).get(30, TimeUnit.SECONDS);
            assertGone(gonePid, SOON);

            assertTrue(core.engine.logs().modelHistory("gone").stream().noneMatch(line -> line.text().contains("startup")),
                    "what it printed before the reload is forgotten: " + core.engine.logs().modelHistory("gone"));
            assertTrue(core.engine.logs().upstreamHistory().stream().anyMatch(line -> line.model().equals("gone")),
                    "the combined history keeps it");
        }
    }

    @Test
    void aChangedModelStopsOnlyAfterItsRequestInFlightWhileAnUnchangedOneKeepsServing(@TempDir Path dir)
            throws Exception {
        int portA = FreePorts.loopback();
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "profiles:\n  duo: [a, b]\nmodels:\n" + DemoYaml.model("a", portA, List.of())
                + DemoYaml.model("b", FreePorts.loopback(), List.of()));
        try (Core core = new Core(file)) {
            await(core.engine.load("duo:a"));
            Lease inFlight = core.engine.upstreams().acquire(core.engine.upstreams().resolve("duo:b")).get(60, TimeUnit.SECONDS);
            long bPid = core.pid("b");
            Files.writeString(file, "models:\n" + DemoYaml.model("a", portA, List.of()));
            CompletableFuture<SwapdeckConfig> reload = core.engine.reload(file);

            Lease servedMeanwhile = core.engine.upstreams().acquire(core.engine.upstreams().resolve("a"))
                    .get(30, TimeUnit.SECONDS);
            servedMeanwhile.close();
            Thread.sleep(500);
            assertFalse(reload.isDone(), "the reload waits for b's request");
            assertEquals(ProcessState.READY, core.status("b").process().state(), "b is not cut");
            assertTrue(core.engine.logs().proxyHistory().stream().anyMatch(line -> line.text().equals(
                    "reload waits for the requests in flight on b (1 request) to end before it stops those models")),
                    "the wait is told");

            inFlight.close();
            assertEquals(List.of("a"), List.copyOf(reload.get(30, TimeUnit.SECONDS).models().keySet()));
            assertGone(bPid, SOON);
        }
    }

    /** One model at a time: during the drain, a request needing a swap waits for the new configuration. */
    @Test
    void aRequestTheDrainingRouterCannotServeIsServedOnceTheReloadIsDone(@TempDir Path dir) throws Exception {
        int portA = FreePorts.loopback();
        int portB = FreePorts.loopback();
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "models:\n" + DemoYaml.model("a", portA, List.of()) + DemoYaml.model("b", portB, List.of()));
        try (Core core = new Core(file)) {
            Lease inFlight = core.engine.upstreams().acquire(core.engine.upstreams().resolve("b")).get(60, TimeUnit.SECONDS);
            Files.writeString(file, "models:\n" + DemoYaml.model("a", portA, List.of())
                    + DemoYaml.model("b", portB, List.of(), "description: changed"));
            CompletableFuture<SwapdeckConfig> reload = core.engine.reload(file);
            Thread.sleep(300);

            CompletableFuture<Lease> a = core.engine.upstreams().acquire(core.engine.upstreams().resolve("a"));
            CompletableFuture<Void> load = core.engine.load("a");
            Thread.sleep(300);
            assertFalse(a.isDone(), "a needs b stopped, which waits for b's request: a waits, it is not refused");
            assertFalse(load.isDone(), "a Load of a waits the same way");

            inFlight.close();
            reload.get(30, TimeUnit.SECONDS);
            a.get(60, TimeUnit.SECONDS).close();
            load.get(60, TimeUnit.SECONDS);
            assertEquals(ProcessState.READY, core.status("a").process().state());
            assertEquals(0, core.status("a").loads(), "the Load, routed again in the new configuration, is settled");
        }
    }

    @Test
    void anInvalidFileIsRejectedWithEveryProblemAndNothingStops(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "models:\n" + DemoYaml.model("a", FreePorts.loopback(), List.of()));
        try (Core core = new Core(file)) {
            await(core.engine.load("a"));
            long aPid = core.pid("a");
            Files.writeString(file, "models:\n  a:\n    ttl: x\n  b:\n    cmd: b\n    proxy: nope\n");
            ExecutionException error = assertThrows(ExecutionException.class,
                    () -> core.engine.reload(file).get(30, TimeUnit.SECONDS));
            ConfigException invalid = assertInstanceOf(ConfigException.class, error.getCause());
            assertEquals(3, invalid.problems().size(), invalid.getMessage());
            assertEquals(aPid, core.pid("a"));
            assertEquals(ProcessState.READY, core.status("a").process().state());
        }
    }

    @Test
    void unloadTimeoutIsTheGraceBeforeKillPerModelAndGlobally(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "unloadTimeout: 2\nmodels:\n"
                + DemoYaml.model("own", FreePorts.loopback(), List.of("--ignore-sigterm"), "unloadTimeout: 1")
                + DemoYaml.model("global", FreePorts.loopback(), List.of("--ignore-sigterm")));
        try (Core core = new Core(file)) {
            assertStopTakesAtLeast(core, "own", Duration.ofSeconds(1));
            assertStopTakesAtLeast(core, "global", Duration.ofSeconds(2));
        }
    }

    /** Stops a server that ignores SIGTERM: the kill comes after the grace, well before the 5 s default. */
    private static void assertStopTakesAtLeast(Core core, String model, Duration grace) throws Exception {
        await(core.engine.load(model));
        long pid = core.pid(model);
        long started = System.nanoTime();
        await(core.engine.unload(model));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertGone(pid, SOON);
        assertTrue(took.compareTo(grace) >= 0, model + " was killed after " + took + ", before its grace of " + grace);
        assertTrue(took.compareTo(Duration.ofMillis(4_900)) < 0, model + " waited " + took + ": the 5 s default, not "
                + grace);
    }

    private static void await(CompletableFuture<?> future) throws Exception {
        future.get(60, TimeUnit.SECONDS);
    }

    /** The engine as {@code Main} wires it, over a configuration file. */
    private static final class Core implements AutoCloseable {
        final SwapdeckEngine engine;

        Core(Path file) throws Exception {
            SwapdeckConfig config = ConfigSources.load(Optional.of(file), Optional.empty());
            engine = new SwapdeckEngine(config, new LogHub(new EventBus()),
                    (path, kept) -> ConfigSources.load(Optional.of(path), Optional.empty(), kept), ProcessFactory.childProcesses(),
                    "http://127.0.0.1:0/v1");
        }

        ModelStatus status(String id) {
            return engine.models().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
        }

        long pid(String id) {
            return status(id).process().pid().orElseThrow();
        }

        @Override
        public void close() throws Exception {
            engine.shutdown().get(30, TimeUnit.SECONDS);
        }
    }
}
