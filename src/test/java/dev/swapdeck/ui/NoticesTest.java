package dev.swapdeck.ui;

import static dev.swapdeck.ui.FxWait.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** The status bar's notice: a success fades, a failure stays, and neither outlives what replaced it. */
class NoticesTest {
    private final Notices notices = new Notices(Duration.ofMillis(300));

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void aSuccessIsClearedOnceShownBrieflyAFailureStays() throws Exception {
        fx(() -> {
            notices.postBriefly("Loaded alpha");
            return null;
        });
        FxWait.until("the success cleared", () -> notices.messageProperty().get().isEmpty());

        fx(() -> {
            notices.postBriefly("Loaded alpha");
            notices.post("Load beta failed: exited with code 1");
            return null;
        });
        Thread.sleep(600);
        assertEquals("Load beta failed: exited with code 1", fx(() -> notices.messageProperty().get()),
                "the earlier success's fade does not clear the failure after it");
    }

    @Test
    void aNoticeIsWithdrawnOnlyIfItIsStillShown() {
        fx(() -> {
            notices.post("Config not loaded");
            notices.withdraw("Config not loaded");
            return null;
        });
        assertEquals("", fx(() -> notices.messageProperty().get()));
        fx(() -> {
            notices.post("Loaded config.yaml");
            notices.withdraw("Config not loaded");
            return null;
        });
        assertEquals("Loaded config.yaml", fx(() -> notices.messageProperty().get()));
    }
}
