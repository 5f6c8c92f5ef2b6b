package dev.swapdeck.ui.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.process.ProcessState;
import dev.swapdeck.routing.ModelStatus;
import dev.swapdeck.ui.EngineFixture;
import dev.swapdeck.ui.Harness;
import dev.swapdeck.ui.Notices;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
