package dev.swapdeck.ui;

import static dev.swapdeck.ui.FxWait.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void aNoticeQuotingKilobytesOfOutputShowsWhatFailedAndWhatToDo() {
        String output = "0".repeat(4000) + " | ";
        String failure = "Load m failed: model 'm' could not be started: exited with code 3 during start; last output: "
                + output.repeat(50) + "— check cmd of model m";

        String shown = fx(() -> {
            notices.post(failure);
            return notices.messageProperty().get();
        });

        assertTrue(shown.length() <= Notices.HEAD_CHARS + Notices.TAIL_CHARS + 3, shown.length() + " characters");
        assertTrue(shown.startsWith("Load m failed: model 'm' could not be started: exited with code 3"), shown);
        assertTrue(shown.endsWith("— check cmd of model m"), shown);
        assertTrue(shown.contains(" … "), shown);
    }

    @Test
    void aNoticeOfManyLinesKeepsItsFirstLinesAndItsLast() {
        String lines = "one\ntwo\nthree\nfour\nfive\nwhat to do";
        assertEquals("one\ntwo\nthree\n…\nwhat to do", Notices.shown(lines));
        assertEquals("a short one\non two lines", Notices.shown("a short one\non two lines"));
    }
}
