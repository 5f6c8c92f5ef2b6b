package dev.swapdeck.ui.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.activity.ActivityRecord;
import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.routing.Lease;
import dev.swapdeck.testing.DemoYaml;
import dev.swapdeck.testing.FreePorts;
import dev.swapdeck.testing.TestModels;
import dev.swapdeck.ui.EngineFixture;
import dev.swapdeck.ui.EngineSnapshot;
import dev.swapdeck.ui.Harness;
import dev.swapdeck.ui.Notices;
import dev.swapdeck.ui.StyleClasses;
import dev.swapdeck.ui.activity.ActivityRecords;
import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.logging.LogLine;
import dev.swapdeck.logging.LogStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The models view-model against the real engine and demo upstream processes. */
class ModelsViewModelTest {
    private EngineFixture fixture;
    private Harness harness;
    private ModelsViewModel viewModel;
    private final Notices notices = new Notices();

    private void start(dev.swapdeck.config.SwapdeckConfig config) {
        fixture = EngineFixture.start(config);
        viewModel = new ModelsViewModel(fixture.engine, command -> harness.fx.execute(command), notices);
        harness = new Harness(fixture.engine, viewModel::apply);
        harness.pump();
    }

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    private ModelRow row(String id) {
        return viewModel.row(id).orElseThrow();
    }

    @Test
    void eachRowNamesTheRoutingRulesThatNameItsModel() throws Exception {
        start(ConfigLoader.parse(String.join("\n",
                "models:",
                "  fast: {cmd: \"fast --port ${PORT}\"}",
                "  smart: {cmd: \"smart --port ${PORT}\"}",
                "  lone: {cmd: \"lone --port ${PORT}\"}",
                "profiles:",
                "  quick:",
                "    pins: {assistant: fast, helper: fast, vision: ~}",
                "groups:",
                "  pair: {swap: false, members: [fast, smart]}",
                "selectors:",
                "  best: {strategy: warm, targets: [smart, fast]}",
                "  only: {strategy: pin, targets: [smart]}",
                ""), "config.yaml", Optional.empty()));
        assertEquals("group pair · pinned by quick/assistant, quick/helper · selector best",
                row("fast").rulesProperty().get());
        assertEquals("group pair · selectors best, only", row("smart").rulesProperty().get());
        assertEquals("group (default)", row("lone").rulesProperty().get());
    }

    @Test
    void outputIsHeldWhileTheDetailIsHiddenAndShownWhenItIsBack() {
        start(EngineFixture.twoModels());
        viewModel.select(row("alpha"));
        viewModel.shownProperty().set(false);
        viewModel.acceptOutput(List.of(new LogLine(1_000_000, Instant.now(), LogStream.UPSTREAM, "alpha", LogLevel.INFO,
                "loading weights")));
        assertFalse(viewModel.selectedOutputProperty().get().contains("loading weights"));
        viewModel.shownProperty().set(true);
        assertTrue(viewModel.selectedOutputProperty().get().endsWith("loading weights"));
    }

    @Test
    void aServersColourCodesAreLeftOutOfTheRecentOutput() {
        start(EngineFixture.twoModels());
        viewModel.select(row("alpha"));
        viewModel.acceptOutput(List.of(new LogLine(1_000_000, Instant.now(), LogStream.UPSTREAM, "alpha", LogLevel.INFO,
                "\u001b[32mflood line 54595\u001b[0m")));
        assertTrue(viewModel.selectedOutputProperty().get().endsWith("\nflood line 54595")
                || viewModel.selectedOutputProperty().get().equals("flood line 54595"),
                viewModel.selectedOutputProperty().get());
    }

    @Test
    void aHiddenViewChangesNoRowAndCatchesUpExactlyWhenShown() {
        start(EngineFixture.twoModels());
        ModelRow alpha = row("alpha");
        List<String> changes = new ArrayList<>();
        alpha.stateProperty().addListener((obs, was, now) -> changes.add("state " + now));
        alpha.speedProperty().addListener((obs, was, now) -> changes.add("speed " + now));
        alpha.recentRequestsProperty().addListener((obs, was, now) -> changes.add("recent"));
        List<ActivityRecord> ended = new ArrayList<>();
        ended.add(ActivityRecords.ended(1, "alpha", 200, 12.5));
        for (long seq = 2; seq <= 8; seq++) {
            ended.add(ActivityRecords.failed(seq, "alpha"));
        }

        viewModel.shownProperty().set(false);
        fixture.engine.load("alpha").join();
        harness.pump();
        viewModel.acceptActivity(ended);
        assertEquals(List.of(), changes, "nothing changes while the view is hidden");

        viewModel.shownProperty().set(true);
        assertEquals(ProcessState.READY, alpha.stateProperty().get());
        ModelsViewModel alwaysShown = new ModelsViewModel(fixture.engine, command -> { }, notices);
        alwaysShown.apply(EngineSnapshot.of(fixture.engine));
        alwaysShown.acceptActivity(ended);
        ModelRow expected = alwaysShown.row("alpha").orElseThrow();
        assertEquals("12.5 tok/s", alpha.speedProperty().get(), "the speed of the one request that reported one");
        assertEquals(expected.recentRequestsProperty().get(), alpha.recentRequestsProperty().get());
        assertEquals(RequestFacts.RECENT, alpha.recentRequestsProperty().get().lines().count());
    }

    /**
     * A reload that drops a model and one that adds it back, both while the view is hidden: a new model, a
     * fresh row, without the requests the dropped one answered meanwhile.
     */
    @Test
    void aModelDroppedAndAddedBackWhileTheViewIsHiddenComesBackFresh(@TempDir Path dir) throws Exception {
        String both = String.join("\n", "models:", "  alpha: {cmd: \"alpha --port ${PORT}\"}",
                "  beta: {cmd: \"beta --port ${PORT}\"}", "");
        start(ConfigLoader.parse(both, "config.yaml", Optional.empty()));
        viewModel.acceptActivity(List.of(ActivityRecords.ended(1, "alpha", 200, 12.5)));
        ModelRow before = row("alpha");
        assertEquals("12.5 tok/s", before.speedProperty().get());

        viewModel.shownProperty().set(false);
        viewModel.acceptActivity(List.of(ActivityRecords.ended(2, "alpha", 200, 30.0)));
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, both.replace("  alpha: {cmd: \"alpha --port ${PORT}\"}\n", ""));
        fixture.engine.reload(file).join();
        harness.pump();
        Files.writeString(file, both);
        fixture.engine.reload(file).join();
        harness.pump();
        viewModel.shownProperty().set(true);

        ModelRow after = row("alpha");
        assertNotSame(before, after);
        ModelRow fresh = new ModelRow("alpha");
        assertEquals(fresh.speedProperty().get(), after.speedProperty().get());
        assertEquals(fresh.recentRequestsProperty().get(), after.recentRequestsProperty().get());
        assertEquals(List.of("alpha", "beta"), viewModel.rows().stream().map(ModelRow::id).toList());
    }

    @Test
    void rowsShowEveryConfiguredModelWithNameAliasesAndProfiles() {
        start(EngineFixture.twoModels());
        assertEquals(List.of("alpha", "beta"), viewModel.rows().stream().map(ModelRow::id).toList());
        assertEquals("Alpha", row("alpha").displayNameProperty().get());
        assertEquals("a", row("alpha").aliasesProperty().get());
        assertEquals("both", row("beta").profilesProperty().get());
        assertEquals(ProcessState.STOPPED, row("beta").stateProperty().get());
        assertEquals("not running: starts on the first request for it, or with Load",
                row("beta").stateTextProperty().get(), "the sentence says more than the badge");
        assertEquals(String.valueOf(fixture.engine.config().models().get("beta").port().orElseThrow()),
                row("beta").portProperty().get());
    }

    @Test
    void aPeersModelIsListedAsRemoteWithItsPeerAndCannotBeLoaded() throws Exception {
        start(ConfigLoader.parse(String.join("\n",
                "models:",
                DemoYaml.model("local", FreePorts.loopback(), List.of()),
                "peers:",
                "  gpu-box:",
                "    proxy: http://127.0.0.1:61234",
                "    models: [qwen3-235b]",
                ""), "config.yaml", Optional.empty()));

        String remoteId = fixture.engine.remoteModels().get(0).id();
        assertEquals(List.of("local", remoteId), viewModel.rows().stream().map(ModelRow::id).toList());
        ModelRow remote = row(remoteId);
        assertEquals("remote", remote.badgeProperty().get().text());
        assertEquals(StyleClasses.STATE_REMOTE, remote.badgeProperty().get().styleClass());
        assertTrue(remote.stateTextProperty().get().contains("gpu-box"), remote.stateTextProperty().get());
        assertEquals("61234", remote.portProperty().get());
        assertFalse(remote.canLoadProperty().get());
        assertFalse(remote.canUnloadProperty().get());
    }

    @Test
    void loadMovesTheRowThroughStartingToReadyAndSwitchesTheEnabledCommand() {
        start(EngineFixture.twoModels());
        ModelRow beta = row("beta");
        assertTrue(beta.canLoadProperty().get());
        assertFalse(beta.canUnloadProperty().get());
        List<ProcessState> seen = new ArrayList<>();
        beta.stateProperty().addListener((obs, was, now) -> seen.add(now));

        viewModel.load(beta);
        assertFalse(beta.canLoadProperty().get(), "Load is disabled as soon as it is clicked");
        harness.until("beta starting", () -> beta.stateProperty().get() == ProcessState.STARTING);
        StateBadge starting = beta.badgeProperty().get();
        assertTrue(starting.detail().matches("\\d+s of 15s(\n~\\d+s left)?"), "the elapsed time against the"
                + " timeout, and the time left when learned: " + starting.detail() + " at " + starting.progress());
        assertTrue(beta.stateTextProperty().get().endsWith("the 15s health-check timeout)"), beta.stateTextProperty().get());
        assertTrue(beta.canUnloadProperty().get(), "a start can be interrupted");
        harness.until("beta ready", () -> beta.stateProperty().get() == ProcessState.READY);

        assertEquals(List.of(ProcessState.STARTING, ProcessState.READY), seen);
        assertFalse(beta.canLoadProperty().get());
        assertTrue(beta.canUnloadProperty().get());
        assertFalse(beta.pidProperty().get().isEmpty());
        assertFalse(beta.uptimeProperty().get().isEmpty());
        assertEquals("", beta.lastErrorProperty().get());
    }

    @Test
    void unloadStopsTheModelAndAsksFirstWhileRequestsAreInFlight() throws Exception {
        start(EngineFixture.twoModels());
        ModelRow alpha = row("alpha");
        viewModel.load(alpha);
        // a load is itself a request until the model is ready: wait for it to be given back too
        harness.until("alpha ready, nothing in flight",
                () -> alpha.stateProperty().get() == ProcessState.READY && alpha.inFlightProperty().get() == 0);
        assertFalse(viewModel.unloadNeedsConfirmation(alpha));

        try (Lease lease = fixture.engine.upstreams().acquire(fixture.engine.upstreams().resolve("alpha"))
                .get(10, TimeUnit.SECONDS)) {
            harness.until("one in flight", () -> alpha.inFlightProperty().get() == 1);
            assertTrue(viewModel.unloadNeedsConfirmation(alpha));
        }
        harness.until("none in flight", () -> alpha.inFlightProperty().get() == 0);

        viewModel.unload(alpha);
        harness.until("alpha stopped", () -> alpha.stateProperty().get() == ProcessState.STOPPED);
        assertTrue(alpha.canLoadProperty().get());
        assertEquals("", alpha.pidProperty().get());
    }

    @Test
    void aModelThatRequestsWaitForWhileASwapMakesRoomIsShownQueued() throws Exception {
        start(EngineFixture.twoModels());
        CompletableFuture<Lease> pending;
        ModelRow beta = row("beta");
        try (Lease lease = fixture.engine.upstreams().acquire(fixture.engine.upstreams().resolve("alpha"))
                .get(10, TimeUnit.SECONDS)) {
            fixture.engine.load("beta");
            harness.until("beta queued behind alpha's request", () -> "queued".equals(beta.badgeProperty().get().text()));
            assertEquals(ProcessState.STOPPED, beta.stateProperty().get());
            assertEquals("queued: a Load waits for it; it starts once the models in its way have finished their"
                    + " requests and stopped", beta.stateTextProperty().get());
            assertEquals(0, beta.inFlightProperty().get(), "a Load is not a request in flight");
            pending = fixture.engine.upstreams().acquire(fixture.engine.upstreams().resolve("beta"));
            harness.until("a client's request counted", () -> beta.inFlightProperty().get() == 1);
            assertEquals("queued: 1 request waits for it; it starts once the models in its way have finished their"
                    + " requests and stopped", beta.stateTextProperty().get());
        }
        harness.until("beta started once alpha's request ended, no longer queued", () -> beta.stateProperty().get()
                != ProcessState.STOPPED && !"queued".equals(beta.badgeProperty().get().text()));
        pending.get(10, TimeUnit.SECONDS).close();
    }

    @Test
    void aQueuedModelCanBeUnloadedFromTheWindowWhichFailsWhatWaitsForIt() throws Exception {
        start(EngineFixture.twoModels());
        ModelRow beta = row("beta");
        try (Lease lease = fixture.engine.upstreams().acquire(fixture.engine.upstreams().resolve("alpha"))
                .get(10, TimeUnit.SECONDS)) {
            CompletableFuture<Lease> pending = fixture.engine.upstreams().acquire(fixture.engine.upstreams().resolve("beta"));
            harness.until("beta queued with a request", () -> "queued".equals(beta.badgeProperty().get().text())
                    && beta.inFlightProperty().get() == 1);
            assertTrue(beta.canUnloadProperty().get(), "a queued model's Unload cancels its start");
            assertFalse(beta.canLoadProperty().get(), "a queued model is already on its way");
            assertTrue(viewModel.unloadNeedsConfirmation(beta));

            viewModel.unload(beta);
            harness.until("the unload's outcome", () -> "Unloaded beta".equals(notices.messageProperty().get()));
            ExecutionException failed = assertThrows(ExecutionException.class, () -> pending.get(10, TimeUnit.SECONDS));
            assertTrue(String.valueOf(failed.getCause().getMessage()).contains("unloaded"), failed.getCause().toString());
            harness.until("beta no longer queued", () -> !"queued".equals(beta.badgeProperty().get().text())
                    && beta.inFlightProperty().get() == 0);
            assertTrue(beta.canLoadProperty().get());
            assertEquals(ProcessState.READY, row("alpha").stateProperty().get(), "the model in the way keeps running");
        }
    }

    @Test
    void aFailedStartShowsWhyUntilTheNextStart() {
        ModelConfig broken = TestModels.model("broken").cmd(List.of("sh", "-c", "echo cannot open model file; exit 3"))
                .build();
        start(TestModels.config(broken));
        ModelRow row = row("broken");

        viewModel.load(row);
        harness.until("failed", () -> row.badgeProperty().get().failed());
        assertEquals("failed", row.badgeProperty().get().text());
        assertTrue(row.lastErrorProperty().get().contains("3"), row.lastErrorProperty().get());
        harness.until("the failure notice", () -> String.valueOf(notices.messageProperty().get()).startsWith("Load broken failed"));
        assertTrue(row.canLoadProperty().get(), "a failed model can be loaded again");
    }

    /** A failed Load's notice goes once the model starts after all (here from the API): it no longer holds. */
    @Test
    void aFailedLoadsNoticeGoesOnceTheModelStarts(@TempDir Path dir) throws Exception {
        Path ok = dir.resolve("ok");
        start(TestModels.config(TestModels.failingUntil("flaky", ok)));
        viewModel.load(row("flaky"));
        harness.until("the failure notice", () -> notices.messageProperty().get().startsWith("Load flaky failed"));

        Files.createFile(ok);
        fixture.engine.load("flaky").get(15, TimeUnit.SECONDS);
        harness.until("ready", () -> row("flaky").stateProperty().get() == ProcessState.READY);
        assertEquals("", notices.messageProperty().get(), "the failure still told");
    }

    @Test
    void aReadyModelWithTtlCountsDown() {
        ModelConfig napper = TestModels.model("napper").ttl(Duration.ofSeconds(30)).build();
        start(TestModels.config(napper));
        ModelRow row = row("napper");
        viewModel.load(row);
        harness.until("ready", () -> row.stateProperty().get() == ProcessState.READY);
        harness.until("the outcome in the status bar, replacing any earlier one",
                () -> "Loaded napper".equals(notices.messageProperty().get()));
        harness.until("ttl shown", () -> row.ttlProperty().get().endsWith("s left"));
    }

    @Test
    void nothingIsEnabledOnceShuttingDown() {
        start(EngineFixture.twoModels());
        viewModel.load(row("alpha"));
        harness.until("alpha ready", () -> row("alpha").stateProperty().get() == ProcessState.READY);
        fixture.engine.shutdown();
        harness.until("no command enabled", () -> viewModel.rows().stream()
                .noneMatch(r -> r.canLoadProperty().get() || r.canUnloadProperty().get()));
    }
}
