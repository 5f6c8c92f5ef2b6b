package dev.swapdeck.ui.models;

import dev.swapdeck.process.ProcessState;
import dev.swapdeck.ui.StyleClasses;

/**
 * The state column's content for one model.
 *
 * @param failed   stopped because the last start failed or the process crashed
 * @param text     the badge: the state's label, or {@code failed}
 * @param detail   while starting, the time elapsed against the health-check timeout ({@code 3s of 2m 00s}),
 *                 and on a second line the expected time left ({@code ~4s left}) once a load time was
 *                 learned; else empty
 * @param progress while starting, the elapsed fraction of the learned load time, or -1 (JavaFX's
 *                 indeterminate progress) for a model never loaded before; not shown otherwise
 * @param remote   a model of {@code peers:}: served by another machine, never started here
 */
public record StateBadge(ProcessState state, boolean failed, String text, String detail, double progress,
                         boolean remote) {

    /** The badge of a model another Swapdeck or server serves. */
    static StateBadge remoteModel() {
        return new StateBadge(ProcessState.STOPPED, false, "remote", "", -1, true);
    }

    /** The badge's style class: one per state, {@code state-failed} for a failed stop, {@code state-remote}. */
    public String styleClass() {
        if (remote) {
            return StyleClasses.STATE_REMOTE;
        }
        return failed ? StyleClasses.STATE_FAILED : StyleClasses.state(state);
    }
}
