package dev.swapdeck.ui.models;

import dev.swapdeck.process.ProcessState;
import dev.swapdeck.ui.StyleClasses;

/**
 * The state column's content for one model.
 *
 * @param failed   stopped because the last start failed or the process crashed
 * @param text     the badge: the state's label, or {@code failed}
 * @param detail   while starting, elapsed against the health timeout ({@code 3s / 120s}); else empty
 * @param progress elapsed fraction of the health-check timeout while starting, else -1
 */
public record StateBadge(ProcessState state, boolean failed, String text, String detail, double progress) {

    /** The badge's style class: one per state, {@code state-failed} for a failed stop. */
    public String styleClass() {
        return failed ? StyleClasses.STATE_FAILED : StyleClasses.state(state);
    }
}
