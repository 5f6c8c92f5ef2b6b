package dev.swapdeck.ui;

import javafx.scene.Scene;
import javafx.scene.control.TextArea;

/**
 * Keeps a text area scrolled to its last line each time its text changes, for output that grows at
 * the end. Setting the scroll position when the text changes is not enough: the area's scroll pane
 * takes the new text's height over the layout passes of the next two pulses and clamps a position
 * set before that to the old height (measured: a detail pane switched to another model's output
 * stayed at its first line). So the end is set again after the layout pass of each of the
 * {@value #PULSES} pulses that follow a change; a setting that changes nothing costs nothing.
 */
public final class FollowEnd {
    static final int PULSES = 3;

    private final TextArea area;
    private final Runnable afterLayout = this::scrollToEnd;
    private int pulsesLeft;

    private FollowEnd(TextArea area) {
        this.area = area;
    }

    /** From now on, {@code area} shows its last line after every change of its text. */
    public static void install(TextArea area) {
        FollowEnd follow = new FollowEnd(area);
        area.textProperty().addListener((obs, was, now) -> follow.pulsesLeft = PULSES);
        area.sceneProperty().addListener((obs, was, now) -> follow.moveTo(was, now));
        follow.moveTo(null, area.getScene());
    }

    private void moveTo(Scene was, Scene now) {
        if (was != null) {
            was.removePostLayoutPulseListener(afterLayout);
        }
        if (now != null) {
            now.addPostLayoutPulseListener(afterLayout);
        }
    }

    private void scrollToEnd() {
        if (pulsesLeft > 0) {
            pulsesLeft--;
            area.setScrollTop(Double.MAX_VALUE);
        }
    }
}
