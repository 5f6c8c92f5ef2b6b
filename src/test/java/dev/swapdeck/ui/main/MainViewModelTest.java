package dev.swapdeck.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.DemoConfig;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.process.LeftoversStopped;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.process.RecordedChild;
import dev.swapdeck.routing.Lease;
import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.ProcessAssertions;
import dev.swapdeck.ui.ConfigFiles;
import dev.swapdeck.ui.EngineFixture;
import dev.swapdeck.ui.Harness;
import dev.swapdeck.ui.Notices;
import dev.swapdeck.ui.WindowState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window frame's view-model (app-wide commands, banners, status bar) against the real engine. */
class MainViewModelTest {
    @TempDir Path dir;
    private EngineFixture fixture;
    private Harness harness;
    private MainViewModel viewModel;
    private final AtomicInteger exits = new AtomicInteger();
    private final Notices notices = new Notices();

    private void start(SwapdeckConfig config) {
        fixture = EngineFixture.start(config);
        open();
    }

    private void open() {
        viewModel = new MainViewModel(fixture.engine, command -> harness.fx.execute(command), notices,
                WindowState.load(dir.resolve("window.properties")), dir.resolve("xdg/swapdeck/config.yaml"),
                exits::incrementAndGet);
        harness = new Harness(fixture.engine, viewModel::apply);
        harness.pump();
    }

    @AfterEach
    void tearDown() {
        harness.close();
        fixture.close();
    }

    @Test
    void statusBarShowsClientUrlConfigAndRunningCount() throws Exception {
        start(EngineFixture.twoModels());
        assertEquals(fixture.engine.clientBaseUrl(), viewModel.clientBaseUrlProperty().get());
        assertEquals("test-config.yaml", viewModel.configPathProperty().get());
        assertEquals(0, viewModel.runningCountProperty().get());
        assertFalse(viewModel.canUnloadAllBinding().get(), "nothing to unload");

        fixture.engine.load("alpha");
        harness.until("one running", () -> viewModel.runningCountProperty().get() == 1);
        assertTrue(viewModel.canUnloadAllBinding().get());
        assertEquals("1 running", viewModel.activityProperty().get());
        try (Lease lease = fixture.engine.upstreams().acquire(fixture.engine.upstreams().resolve("alpha"))
                .get(10, TimeUnit.SECONDS)) {
            harness.until("a request in flight shown", () -> "1 running · 1 request in flight"
                    .equals(viewModel.activityProperty().get()));
        }
        harness.until("no request in flight", () -> "1 running".equals(viewModel.activityProperty().get()));

        viewModel.unloadAll();
        harness.until("none running", () -> viewModel.runningCountProperty().get() == 0);
        assertFalse(viewModel.canUnloadAllBinding().get());
    }

    /** SPEC §9: servers an earlier Swapdeck left running, stopped at start, are reported in the window too. */
    @Test
    void serversLeftRunningAndStoppedAtStartAreTheFirstNotice() throws Exception {
        fixture = EngineFixture.start(EngineFixture.twoModels());
        fixture.engine.setLeftoversStoppedAtStart(new LeftoversStopped(
                List.of(new RecordedChild("alpha", 4242, 1, 4242, 5800, "llama-server --port 5800")), Instant.now()));
        open();
        assertEquals("Stopped 1 model server left running by a Swapdeck that did not shut down cleanly:"
                + " alpha (pid 4242, port 5800)", notices.messageProperty().get());
    }

    @Test
    void aBrokenConfigIsRejectedWithLocatedErrorsAndTheRunningOneStays() throws Exception {
        start(EngineFixture.twoModels());
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "models:\n  x:\n    cmd: echo ${PORT}\n    ttl: soon\n");

        viewModel.open(broken);
        harness.until("errors shown", () -> !viewModel.configErrors().isEmpty());
        assertTrue(viewModel.configErrors().get(0).startsWith(broken + ":4:10: models.x.ttl"),
                viewModel.configErrors().toString());
        assertEquals("test-config.yaml", viewModel.configPathProperty().get());
        assertEquals(2, fixture.engine.models().size());
        assertFalse(viewModel.busyProperty().get());
        assertEquals(Optional.of(broken), viewModel.rejectedFileProperty().get(), "the editor may open it to fix it");

        viewModel.dismissErrors();
        assertTrue(viewModel.configErrors().isEmpty());
        assertEquals(Optional.empty(), viewModel.rejectedFileProperty().get());
    }

    @Test
    void theErrorsEndWhenAConfigLoadsByAnotherWay() throws Exception {
        start(EngineFixture.twoModels());
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "models:\n  x:\n    cmd: echo ${PORT}\n    ttl: soon\n");
        viewModel.open(broken);
        harness.until("errors shown", () -> !viewModel.configErrors().isEmpty());
        harness.pump();
        assertFalse(viewModel.configErrors().isEmpty(), "the running configuration is the same: the errors stay");

        fixture.engine.reload(ConfigFiles.twoModels(dir)).get(10, TimeUnit.SECONDS); // as the API or SIGHUP would
        harness.until("errors gone", () -> viewModel.configErrors().isEmpty());
        assertEquals(Optional.empty(), viewModel.rejectedFileProperty().get());
        assertNotEquals("Config not loaded: the running configuration stays", notices.messageProperty().get());
    }

    /**
     * The window's answer to a refused file comes on the FX thread, after the refusal: a configuration
     * that took effect in between (SIGHUP, the API) ends the errors before they are shown, and they must
     * not then stay up for good as errors of the new configuration.
     */
    @Test
    void aRefusalAnsweredAfterAnotherConfigTookEffectShowsNoErrors() throws Exception {
        start(EngineFixture.twoModels());
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "models:\n  x:\n    cmd: echo ${PORT}\n    ttl: soon\n");
        CompletableFuture<SwapdeckConfig> opened = viewModel.open(broken);
        Await.until("the refusal recorded", Duration.ofSeconds(10), () -> fixture.engine.lastRejection().isPresent());
        fixture.engine.reload(ConfigFiles.twoModels(dir)).get(10, TimeUnit.SECONDS);

        harness.until("the window's answer to the open", opened::isDone);
        harness.pump();
        assertTrue(viewModel.configErrors().isEmpty(), viewModel.configErrors().toString());
    }

    @Test
    void aBrokenFileReloadedByAnotherWayIsShownUntilDismissed() throws Exception {
        start(EngineFixture.twoModels());
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "models:\n  x:\n    cmd: echo ${PORT}\n    ttl: soon\n");

        CompletableFuture<SwapdeckConfig> sighup = fixture.engine.reload(broken); // as the API, SIGHUP or the watcher would
        harness.until("errors shown", () -> !viewModel.configErrors().isEmpty());
        assertTrue(sighup.isCompletedExceptionally());
        assertTrue(viewModel.configErrors().get(0).startsWith(broken + ":4:10: models.x.ttl"),
                viewModel.configErrors().toString());
        assertEquals(Optional.of(broken), viewModel.rejectedFileProperty().get(), "the editor may open it to fix it");
        assertEquals("Config not loaded: the running configuration stays", notices.messageProperty().get());

        viewModel.dismissErrors();
        fixture.engine.load("alpha");
        harness.until("one running", () -> viewModel.runningCountProperty().get() == 1);
        assertTrue(viewModel.configErrors().isEmpty(), "dismissed: later snapshots do not bring it back");

        fixture.engine.reload(dir.resolve("gone.yaml"));
        harness.until("the next rejection shown", () -> !viewModel.configErrors().isEmpty());
        assertEquals(List.of("configuration file not found: " + dir.resolve("gone.yaml")), viewModel.configErrors());
    }

    @Test
    void aFileThatIsGoneIsNamedAsNotFound() {
        start(EngineFixture.twoModels());
        Path gone = dir.resolve("gone.yaml");

        viewModel.open(gone);
        harness.until("errors shown", () -> !viewModel.configErrors().isEmpty());
        assertEquals(List.of("configuration file not found: " + gone), viewModel.configErrors());
        assertEquals(2, fixture.engine.models().size());
        assertEquals(Optional.empty(), viewModel.rejectedFileProperty().get(), "nothing to open in the editor");
    }

    @Test
    void theDemoOffersToCreateTheConfigFileFromTheTemplate() throws Exception {
        start(DemoConfig.load());
        assertTrue(viewModel.demoProperty().get());
        assertFalse(viewModel.canReloadBinding().get(), "the demo has no file to reload");
        assertEquals("built-in demo", viewModel.configPathProperty().get());

        Path created = viewModel.createConfigFile().orElseThrow();
        assertEquals(dir.resolve("xdg/swapdeck/config.yaml"), created);
        assertTrue(Files.isRegularFile(created));
        assertTrue(Files.readString(created).contains("Point your chat app at " + fixture.engine.clientBaseUrl() + "."),
                "the template names where this Swapdeck listens");
        harness.pump();
        assertTrue(viewModel.demoProperty().get(), "the template is opened for editing, not swapped in at once");
        assertEquals("built-in demo", viewModel.configPathProperty().get());

        viewModel.open(created);
        harness.until("template loaded", () -> !viewModel.demoProperty().get() && viewModel.canReloadBinding().get());
        assertEquals(created.toString(), viewModel.configPathProperty().get());
        assertEquals(created.toAbsolutePath().toString(),
                WindowState.load(dir.resolve("window.properties")).get(WindowState.LAST_CONFIG).orElseThrow());
    }

    /**
     * The window's next launch opens the file last opened in it, before the default one: Open is a
     * choice to remember, a Reload of the file given by --config is not, nor the editor's Save and reload.
     */
    @Test
    void aReloadIsNotRememberedAsTheFileToOpenNextTime() throws Exception {
        Path given = Files.writeString(dir.resolve("given.yaml"), "models:\n  m:\n    cmd: /bin/true\n    proxy: http://127.0.0.1:9\n");
        start(dev.swapdeck.config.ConfigSources.load(Optional.of(given), Optional.empty()));

        CompletableFuture<?> reloaded = viewModel.reload();
        harness.until("reloaded", reloaded::isDone);

        assertFalse(reloaded.isCompletedExceptionally());
        CompletableFuture<?> saved = viewModel.apply(given);
        harness.until("applied", saved::isDone);
        assertFalse(saved.isCompletedExceptionally());
        assertEquals(Optional.empty(), WindowState.load(dir.resolve("window.properties")).get(WindowState.LAST_CONFIG));
    }

    @Test
    void shutdownStopsEveryProcessThenExitsOnce() {
        start(EngineFixture.twoModels());
        fixture.engine.load("alpha");
        harness.until("alpha ready", () -> fixture.engine.models().get(0).process().state() == ProcessState.READY);

        viewModel.shutdown();
        viewModel.shutdown();
        assertTrue(viewModel.shuttingDownProperty().get());
        harness.until("exited", () -> exits.get() == 1);
        ProcessAssertions.assertNoDescendants(Duration.ofSeconds(1));
        assertEquals(1, exits.get());
        assertFalse(viewModel.canUnloadAllBinding().get());
    }
}
