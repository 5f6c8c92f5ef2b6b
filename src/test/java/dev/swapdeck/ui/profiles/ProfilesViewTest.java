package dev.swapdeck.ui.profiles;

import static dev.swapdeck.ui.FxWait.fx;
import static dev.swapdeck.ui.FxWait.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.testing.FreePorts;
import dev.swapdeck.ui.EngineFixture;
import dev.swapdeck.ui.NodeKey;
import dev.swapdeck.ui.TestWindow;
import dev.swapdeck.ui.Truncation;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The profiles pane at the window's default size (1200×780), where it is the narrowest pane, over a
 * configuration in the shape of llama-swap's current example: pin profiles, groups and selectors with
 * long names and several members each. Nothing in it is started.
 */
class ProfilesViewTest {
    @TempDir Path dir;
    private EngineFixture fixture;
    private TestWindow window;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void setUp() throws Exception {
        Path config = dir.resolve("config.yaml");
        try (InputStream in = ConfigLoader.class.getResourceAsStream("llama-swap-2026-shape.yaml")) {
            Files.copy(in, config);
        }
        fixture = EngineFixture.start(ConfigLoader.load(config));
        window = TestWindow.openAtDefaultSize(fixture, config, dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        window.close();
    }

    @Test
    void everyRuleIsListedWhole() {
        until("every rule listed and the first on screen", () -> profilesList().getItems().size() == 8
                && robot.from(profilesList()).lookup(NodeKey.is("rule-review")).tryQuery().isPresent());
        assertEquals(List.of("review", "writing", "solo", "crew", "always", "smart-pick", "reviewer", "pool"),
                fx(() -> profilesList().getItems().stream().map(ProfileRow::name).toList()));
        assertTrue(fx(() -> robot.lookup(NodeKey.is("use-pins-writing")).tryQuery().isPresent()), "writing's Use button");
        for (ProfileRow rule : fx(() -> List.copyOf(profilesList().getItems()))) {
            fx(() -> {
                profilesList().scrollTo(rule);
                return null;
            });
            until(rule.name() + " on screen", () -> robot.from(profilesList()).lookup(NodeKey.is("rule-" + rule.name())).tryQuery().isPresent());
            List<String> truncated = fx(() -> Truncation.truncatedLabels(profilesList()));
            assertTrue(truncated.isEmpty(), "truncated in the profiles pane: " + truncated);
        }
        assertTrue(fx(() -> profilesList().getWidth() < 300), "the pane is as narrow as at the default size");
    }

    /** A list profile's Load is disabled while it loads: the focus stays in its row, not on the next button. */
    @Test
    void pressingLoadKeepsTheFocusOnItsProfile() throws Exception {
        window.close();
        Path config = Files.writeString(dir.resolve("profiles.yaml"), "models:\n"
                + "  a: {cmd: 'sleep 30', proxy: 'http://127.0.0.1:" + FreePorts.loopback() + "'}\n"
                + "  b: {cmd: 'sleep 30', proxy: 'http://127.0.0.1:" + FreePorts.loopback() + "'}\n"
                + "healthCheckTimeout: 15\n"
                + "profiles:\n  first: [a]\n  second: [b]\n");
        fixture = EngineFixture.start(ConfigLoader.load(config));
        window = TestWindow.openAtDefaultSize(fixture, config, dir);
        until("profiles listed", () -> robot.lookup(NodeKey.is("load-profile-first")).tryQuery().isPresent());
        Node load = robot.lookup(NodeKey.is("load-profile-first")).query();
        robot.interact(load::requestFocus);

        robot.type(KeyCode.SPACE);

        until("first is loading", () -> load.isDisabled());
        Node focused = fx(() -> load.getScene().getFocusOwner());
        assertTrue(focused == profilesList() || focused == load, "the focus moved to " + focused);
        assertEquals(0, fx(() -> profilesList().getSelectionModel().getSelectedIndex()));
        fixture.engine.unloadAll().get(30, TimeUnit.SECONDS);
    }

    @Test
    void enterOnASelectedPinProfileUsesItAndOnAGroupDoesNothing() {
        until("rules listed", () -> profilesList().getItems().size() == 8);
        robot.interact(() -> {
            profilesList().requestFocus();
            profilesList().getSelectionModel().select(1);
        });
        robot.type(KeyCode.ENTER);
        until("writing active", () -> fixture.engine.activePinProfile().equals(Optional.of("writing")));

        robot.interact(() -> profilesList().getSelectionModel().select(2));
        robot.type(KeyCode.ENTER);
        assertEquals(Optional.of("writing"), fixture.engine.activePinProfile(), "a group has nothing to do");
    }

    /**
     * The selection stays on the profile picked while a reload adds one before it, and goes once that
     * profile is removed: the list kept the selected index, so Enter loaded another profile.
     */
    @Test
    void aReloadKeepsTheSelectionOnThePickedProfileOrSelectsNothing() throws Exception {
        window.close();
        String models = "models:\n"
                + "  a: {cmd: 'sleep 30', proxy: 'http://127.0.0.1:" + FreePorts.loopback() + "'}\n"
                + "  b: {cmd: 'sleep 30', proxy: 'http://127.0.0.1:" + FreePorts.loopback() + "'}\n";
        String pins = "  pins1:\n    pins: {chat: a}\n  pins2:\n    pins: {chat: b}\n";
        Path config = Files.writeString(dir.resolve("picked.yaml"), models + "profiles:\n  pb: [a, b]\n  pc: [b]\n" + pins);
        fixture = EngineFixture.start(ConfigLoader.load(config));
        window = TestWindow.openAtDefaultSize(fixture, config, dir);
        until("profiles listed", () -> profilesList().getItems().size() == 4);
        robot.clickOn(robot.lookup(NodeKey.is("rule-pc")).queryAs(Node.class));
        until("pc selected", () -> "pc".equals(selectedName()));

        Files.writeString(config, models + "profiles:\n  pa: [b]\n  pb: [a, b]\n  pc: [b]\n" + pins);
        fixture.engine.reload().join();
        until("pa listed", () -> profilesList().getItems().size() == 5);
        assertEquals("pc", selectedName(), "the selection moved with the added profile");

        Files.writeString(config, models + "profiles:\n  pa: [b]\n  pb: [a, b]\n" + pins);
        fixture.engine.reload().join();
        until("pc gone", () -> profilesList().getItems().size() == 4);
        assertEquals(null, selectedName(), "another profile selected in pc's place");
        robot.interact(() -> profilesList().requestFocus());
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Optional.empty(), fixture.engine.activeProfile(), "Enter loaded a profile nobody picked");
        assertEquals(Optional.empty(), fixture.engine.activePinProfile());
    }

    /** A pin profile's button says what it does: Use makes it active, Turn off switches it off. */
    @Test
    void anActivePinProfilesButtonSaysTurnOff() {
        until("rules listed", () -> robot.lookup(NodeKey.is("use-pins-writing")).tryQuery().isPresent());
        Button button = robot.lookup(NodeKey.is("use-pins-writing")).queryAs(Button.class);
        assertEquals("Use", fx(button::getText));

        robot.clickOn(button);
        until("writing active", () -> fixture.engine.activePinProfile().equals(Optional.of("writing")));
        until("the button says what it now does", () -> "Turn off".equals(button.getText()));
        assertEquals("Turn off writing", fx(button::getAccessibleText));
        assertTrue(fx(() -> button.getTooltip().getText()).startsWith("Switch these pins off"));

        robot.clickOn(button);
        until("writing off", () -> fixture.engine.activePinProfile().isEmpty());
        until("Use again", () -> "Use".equals(button.getText()));
    }

    private String selectedName() {
        return fx(() -> {
            ProfileRow row = profilesList().getSelectionModel().getSelectedItem();
            return row == null ? null : row.name();
        });
    }

    @SuppressWarnings("unchecked")
    private ListView<ProfileRow> profilesList() {
        return (ListView<ProfileRow>) robot.lookup("#profilesList").queryAs(ListView.class);
    }
}
