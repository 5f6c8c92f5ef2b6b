package dev.swapdeck.process;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The descendants a child has been seen with. Once the child itself is gone its children are
 * re-parented and can no longer be found through it, so they are remembered while it lives and the
 * survivors are killed when its run ends: a crashed server must not leave a worker holding the port
 * or the GPU. A {@link ProcessHandle} compares its start time too, so a reused pid is never mistaken
 * for a remembered process. Thread-safe.
 */
final class Family {
    private final ProcessHandle root;
    private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();

    Family(ProcessHandle root) {
        this.root = root;
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
