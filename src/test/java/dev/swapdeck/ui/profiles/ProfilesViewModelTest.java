package dev.swapdeck.ui.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.process.ProcessState;
import dev.swapdeck.routing.ModelStatus;
import dev.swapdeck.ui.EngineFixture;
import dev.swapdeck.ui.Harness;
import dev.swapdeck.ui.Notices;
import dev.swapdeck.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profiles view-model against the real engine and demo upstream processes. */
class ProfilesViewModelTest {
    private EngineFixture fixture;
    private Harness harness;
    private ProfilesViewModel viewModel;
    private final Notices notices = new Notices();

    @BeforeEach
    void setUp() {
        fixture = EngineFixture.start(EngineFixture.twoModels());
        viewModel = new ProfilesViewModel(fixture.engine, command -> harness.fx.execute(command), notices);
        harness = new Harness(fixture.engine, viewModel::apply);
        harness.pump();
    }

    @AfterEach
    void tearDown() {
        harness.close();
        fixture.close();
    }

    @Test
    void listsProfilesWithMembersAndNoneActiveAtFirst() {
        assertEquals(1, viewModel.rows().size());
        ProfileRow both = viewModel.rows().get(0);
        assertEquals("both", both.name());
        assertEquals("alpha, beta", both.membersProperty().get());
        assertFalse(both.activeProperty().get());
        assertTrue(both.canLoadProperty().get());
    }

    @Test
    void loadProfileStartsEveryMemberAndMarksItActive() {
        ProfileRow both = viewModel.rows().get(0);
        viewModel.loadProfile(both);
        assertFalse(both.canLoadProperty().get(), "disabled while its load runs");
        harness.until("both active", () -> both.activeProperty().get());
        harness.until("every member ready", () -> fixture.engine.models().stream()
                .map(ModelStatus::process).allMatch(p -> p.state() == ProcessState.READY));
        harness.until("enabled again", () -> both.canLoadProperty().get());
        assertEquals(List.of("both"), fixture.engine.activeProfile().stream().toList());
    }

    /** A failed Load's notice goes once that profile's members start after all (here from the API). */
    @Test
    void aFailedProfileLoadsNoticeGoesOnceItsMembersStart(@TempDir Path dir) throws Exception {
        harness.close();
        fixture.close();
        Path ok = dir.resolve("ok");
        fixture = EngineFixture.start(TestModels.config(Map.of("solo", List.of("flaky")), TestModels.failingUntil("flaky", ok)));
        viewModel = new ProfilesViewModel(fixture.engine, command -> harness.fx.execute(command), notices);
        harness = new Harness(fixture.engine, viewModel::apply);
        harness.pump();
        viewModel.loadProfile(viewModel.rows().get(0));
        harness.until("the failure notice", () -> notices.messageProperty().get().startsWith("Load profile solo failed"));

        Files.createFile(ok);
        fixture.engine.loadProfile("solo").get(15, TimeUnit.SECONDS);
        harness.until("flaky ready", () -> fixture.engine.models().get(0).process().state() == ProcessState.READY);
        harness.pump();
        assertEquals("", notices.messageProperty().get(), "the failure still told");
    }

    /** A profile that loads replaces an earlier failure's notice, as a model's Load does. */
    @Test
    void aProfileThatLoadsReplacesAnEarlierFailuresNotice() {
        harness.fx.execute(() -> notices.post("Load profile other failed: model 'x' could not be started"));
        ProfileRow both = viewModel.rows().get(0);
        viewModel.loadProfile(both);
        harness.until("both active", () -> both.activeProperty().get());
        harness.until("the notice says so", () -> "Loaded profile both".equals(notices.messageProperty().get()));
    }
}
