package dev.swapdeck.process;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The descendants a child has been seen with. Once the child itself is gone its children are
 * re-parented and can no longer be found through it, so they are remembered while it lives and the
 * survivors are killed when its run ends: a crashed server must not leave a worker holding the port
 * or the GPU. A {@link ProcessHandle} compares its start time too, so a reused pid is never mistaken
 * for a remembered process. Thread-safe.
 */
final class Family {
    private static final long REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final ProcessHandle root;
    private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();
    private volatile long lastLook = System.nanoTime() - REFRESH_NANOS;

    Family(ProcessHandle root) {
        this.root = root;
    }

    /** Looks for new descendants, at most every half second however often it is called. */
    void lookSoon() {
        long now = System.nanoTime();
        if (now - lastLook >= REFRESH_NANOS) {
            lastLook = now;
            look();
        }
    }

    void look() {
        root.descendants().forEach(seen::add);
    }

    /** Kills every remembered descendant still alive, and returns them. */
    List<ProcessHandle> killSurvivors() {
        look();
        List<ProcessHandle> alive = seen.stream().filter(ProcessHandle::isAlive).toList();
        alive.forEach(ProcessHandle::destroyForcibly);
        return alive;
    }
}
