package dev.swapdeck.ui.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.ui.EngineFixture;
import dev.swapdeck.ui.Harness;
import dev.swapdeck.ui.Notices;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The profiles view shows pins, groups and selectors for what they are, and Use switches pins. */
class RoutingRulesViewTest {
    private EngineFixture fixture;
    private Harness harness;
    private ProfilesViewModel viewModel;

    @BeforeEach
    void setUp() throws Exception {
        fixture = EngineFixture.start(ConfigLoader.parse(String.join("\n",
                "models:",
                "  fast: {cmd: \"fast --port ${PORT}\"}",
                "  smart: {cmd: \"smart --port ${PORT}\"}",
                "profiles:",
                "  duo: [fast, smart]",
                "  quick:",
                "    pins: {assistant: fast, vision: ~}",
                "groups:",
                "  pair: {swap: false, exclusive: false, persistent: true, members: [fast, smart]}",
                "  ghosts: {members: [gone, never-defined]}",
                "selectors:",
                "  best: {strategy: warm, targets: [smart, fast]}",
                ""), "config.yaml", Optional.empty()));
        viewModel = new ProfilesViewModel(fixture.engine, command -> harness.fx.execute(command), new Notices());
        harness = new Harness(fixture.engine, viewModel::apply);
        harness.pump();
    }

    @AfterEach
    void tearDown() {
        harness.close();
        fixture.close();
    }

    @Test
    void everyRuleHasARowThatSaysWhatItIs() {
        assertEquals(List.of("duo profile: fast, smart",
                        "quick pins: assistant → fast, vision → (off)",
                        "pair group: fast, smart (together · not exclusive · persistent)",
                        "ghosts group: no configured model (one at a time · exclusive)",
                        "best selector: warm: smart, fast"),
                viewModel.rows().stream().map(r -> r.name() + " " + r.kind().label() + ": " + r.membersProperty().get())
                        .toList());
    }

    @Test
    void usingPinsMakesThemActiveAndUsingThemAgainSwitchesThemOff() {
        ProfileRow quick = viewModel.rows().get(1);
        harness.fx.execute(() -> viewModel.togglePins(quick));
        harness.until("quick active", () -> quick.activeProperty().get());
        assertEquals(Optional.of("quick"), fixture.engine.activePinProfile());
        assertEquals("fast", fixture.engine.upstreams().resolve("assistant").modelId());
        harness.fx.execute(() -> viewModel.togglePins(quick));
        harness.until("quick off", () -> !quick.activeProperty().get());
        assertEquals(Optional.empty(), fixture.engine.activePinProfile());
        assertFalse(viewModel.rows().get(0).activeProperty().get());
        assertTrue(viewModel.rows().get(0).canLoadProperty().get());
    }
}
