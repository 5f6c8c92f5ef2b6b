package dev.swapdeck.process;

import java.util.concurrent.TimeUnit;

/**
 * Time a wait took beyond what it could take, when that is far more than a busy machine delays a
 * thread: Swapdeck was not running at all (SIGSTOP, a frozen cgroup or {@code docker pause}, a
 * stopped VM whose monotonic clock went on). A start's health deadline moves by it, since its server
 * was most likely frozen with it: a load 3 s into its 15 s resumed by a 20 s freeze failed at once as
 * "timed out", the server healthy 250 ms later. A suspended machine's monotonic clock stops, so
 * there is nothing to move. A TTL sweep that comes that late skips its turn, so that a request a
 * client sent during the freeze is read before the model it asks for is stopped for being idle.
 */
public final class Frozen {
    /** Beyond this, a wait's overrun is a freeze, not a scheduler's delay. */
    static final long THRESHOLD_NANOS = TimeUnit.SECONDS.toNanos(2);

    private Frozen() {
    }

    /** How long Swapdeck was frozen in a wait that took {@code tookNanos} and could take {@code allowedNanos}; 0 if not. */
    public static long during(long tookNanos, long allowedNanos) {
        long overrun = tookNanos - Math.max(0, allowedNanos);
        return overrun > THRESHOLD_NANOS ? overrun : 0;
    }
}
