package dev.swapdeck.engine;

import static dev.swapdeck.testing.ProcessAssertions.assertGone;
import static dev.swapdeck.testing.ProcessAssertions.assertNoDescendants;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.ConfigException;
import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.DemoYaml;
import dev.swapdeck.testing.FreePorts;
import dev.swapdeck.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine over real demo-upstream child processes: swaps, profiles, TTL, crashes, shutdown, reload. */
class EngineEndToEndTest {
    private static final Duration SOON = Duration.ofSeconds(20);

    private static void await(CompletableFuture<?> future) throws Exception {
        future.get(30, TimeUnit.SECONDS);
    }

    @Test
    void loadingAnotherModelSwapsTheFirstOut() throws Exception {
        try (EngineHarness h = new EngineHarness(TestModels.config(TestModels.demo("a"), TestModels.demo("b")))) {
            await(h.engine.load("a"));
            OptionalLong aPid = h.status("a").process().pid();
            await(h.engine.load("b"));
            assertEquals(ProcessState.STOPPED, h.state("a"));
            assertEquals(ProcessState.READY, h.state("b"));
            assertGone(aPid, SOON);
        }
    }

    @Test
    void profileMembersRunSideBySideUntilAPlainRequestLeavesTheProfile() throws Exception {
        SwapdeckConfig config = TestModels.config(Map.of("duo", List.of("a", "b")),
                TestModels.demo("a"), TestModels.demo("b"), TestModels.demo("c"));
        try (EngineHarness h = new EngineHarness(config)) {
            assertTrue(h.logs.proxyHistory().stream().anyMatch(line ->
                    line.text().endsWith(": 3 models, 1 side-by-side profile, 0 pin profiles")), "counted in words");
            await(h.engine.loadProfile("duo"));
            assertEquals(ProcessState.READY, h.state("a"));
            assertEquals(ProcessState.READY, h.state("b"));
            assertEquals(Optional.of("duo"), h.engine.activeProfile());
            assertEquals(List.of("duo"), h.status("a").profiles());

            await(h.engine.load("c"));
            assertEquals(ProcessState.STOPPED, h.state("a"));
            assertEquals(ProcessState.STOPPED, h.state("b"));
            assertEquals(Optional.empty(), h.engine.activeProfile());
        }
    }

    @Test
    void idleModelIsUnloadedAfterItsTtl() throws Exception {
        // 3 s: the countdown is read after the load, which a loaded machine may put off by a second
        SwapdeckConfig config = TestModels.config(TestModels.model("napper").ttl(Duration.ofSeconds(3)).build());
        try (EngineHarness h = new EngineHarness(config)) {
            await(h.engine.load("napper"));
            assertTrue(h.status("napper").ttlRemaining().isPresent(), "a ready idle model shows its TTL countdown");
            Await.until("ttl unload", SOON, () -> h.state("napper") == ProcessState.STOPPED);
        }
    }

    @Test
    void aCrashedModelIsStartedAgainByTheNextLoad() throws Exception {
        try (EngineHarness h = new EngineHarness(TestModels.config(TestModels.demo("a")))) {
            await(h.engine.load("a"));
            long pid = h.status("a").process().pid().orElseThrow();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            Await.until("crash noticed", SOON, () -> h.state("a") == ProcessState.STOPPED);
            assertTrue(h.status("a").process().lastError().orElse("").contains("exited with code"),
                    h.status("a").process().lastError().toString());

            await(h.engine.load("a"));
            assertNotEquals(pid, h.status("a").process().pid().orElseThrow());
        }
    }

    @Test
    void shutdownInterruptsAStartAndLeavesNoChildProcess() throws Exception {
        SwapdeckConfig config = TestModels.config(TestModels.demo("sleepy", "--never-healthy"));
        EngineHarness h = new EngineHarness(config);
        CompletableFuture<Void> load = h.engine.load("sleepy");
        Await.until("spawned", SOON, () -> h.status("sleepy").process().pid().isPresent());
        long started = System.nanoTime();
        h.engine.shutdown().get(15, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10), "no waiting out the health check");
        ExecutionException error = assertThrows(ExecutionException.class, () -> load.get(5, TimeUnit.SECONDS));
        assertTrue(error.getCause().getMessage().contains("shutting down"), error.getCause().getMessage());
        assertEquals(ProcessState.SHUTDOWN, h.state("sleepy"));
        assertNoDescendants(SOON);
    }

    @Test
    void reloadWithAnInvalidFileKeepsTheRunningConfiguration(@TempDir Path dir) throws Exception {
        try (EngineHarness h = new EngineHarness(TestModels.config(TestModels.demo("a")))) {
            Path broken = Files.writeString(dir.resolve("broken.yaml"), "models:\n  x:\n    ttl: 5\n");
            ExecutionException error = assertThrows(ExecutionException.class,
                    () -> h.engine.reload(broken).get(10, TimeUnit.SECONDS));
            ConfigException problems = assertInstanceOf(ConfigException.class, error.getCause());
            assertTrue(problems.getMessage().contains("broken.yaml:2:3: models.x.cmd"), problems.getMessage());
            assertEquals(List.of("a"), h.engine.models().stream().map(m -> m.id()).toList());
        }
    }

    @Test
    void reloadReplacesTheModelsAndStopsTheOldOnes(@TempDir Path dir) throws Exception {
        try (EngineHarness h = new EngineHarness(TestModels.config(TestModels.demo("a")))) {
            await(h.engine.load("a"));
            OptionalLong aPid = h.status("a").process().pid();
            Path next = Files.writeString(dir.resolve("next.yaml"), "models:\n  z:\n    cmd: /bin/true\n    proxy: http://127.0.0.1:9\n");
            await(h.engine.reload(next));
            assertEquals(List.of("z"), h.engine.models().stream().map(m -> m.id()).toList());
            assertGone(aPid, SOON);
        }
    }

    /** As llama-swap, whose reload runs the startup hook again: a model the edit adds to preload starts. */
    @Test
    void aModelAReloadAddsToPreloadIsStarted(@TempDir Path dir) throws Exception {
        int port = FreePorts.loopback();
        Path file = Files.writeString(dir.resolve("config.yaml"), "models:\n" + DemoYaml.model("b", port, List.of()));
        try (EngineHarness h = new EngineHarness(ConfigLoader.load(file))) {
            Files.writeString(file, "hooks: {on_startup: {preload: [b]}}\nmodels:\n" + DemoYaml.model("b", port, List.of()));
            await(h.engine.reload(file));
            Await.until("b preloaded", SOON, () -> h.state("b") == ProcessState.READY);
        }
    }
}
