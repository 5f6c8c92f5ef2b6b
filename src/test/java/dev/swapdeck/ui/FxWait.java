package dev.swapdeck.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.testfx.util.WaitForAsyncUtils;

/** Reading the window on the FX thread, and waiting for it to show something, for TestFX tests. */
public final class FxWait {
    public static final long WAIT_SECONDS = 20;

    private FxWait() {
    }

    /** Runs {@code read} on the FX thread and returns its result. */
    public static <T> T fx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Waits until {@code condition}, evaluated on the FX thread, holds. */
    public static void until(String what, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> fx(condition));
        } catch (Exception e) {
            throw new AssertionError(what + ": not within " + WAIT_SECONDS + " s", e);
        }
    }
}
