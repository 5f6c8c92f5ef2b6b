package dev.swapdeck.process;

import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.logging.ProxyLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finding and signalling everything a model process stands for: the process, its descendants (while it
 * lives they can be found through it), the members of its process group (which still hold together
 * once it has exited and its children were re-parented), and whatever carries its mark
 * ({@link ProcessMarks}: what left the group or the tree). Signals go through {@link ProcessHandle}, never
 * {@link Process#destroy()}, which would also close our end of the child's pipes.
 */
final class GroupSignals {
    private static final long POLL_MILLIS = 5;

    private GroupSignals() {
    }

    /**
     * The child, its descendants, its group's members and what carries its mark, as they are now.
     * Descendants are looked up through it only while it lives: once it has exited, its children
     * belong to another parent, and a lookup by its pid could only find a stranger that reused it.
     */
    static Set<ProcessHandle> tree(Lifeline.Spawned child) {
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        tree.add(child.process().toHandle());
        List<ProcFs.Stat> table = ProcFs.table();
        if (table.isEmpty()) {
            // no /proc (macOS, Windows): no groups or marks to read, only the JDK's view of the tree
            if (child.process().isAlive()) {
                child.process().descendants().forEach(tree::add);
            }
            addServers(child, tree);
            return tree;
        }
        // one read of the table for all three: a stop reads it twice on a swap's critical path
        ProcessFamily family = ProcessFamily.of(table, child.pid(), child.startTicks(),
                child.process().isAlive(), child.ownGroup(), ProcessHandle.current().pid());
        for (long pid : family.members()) {
            ProcessHandle.of(pid).ifPresent(tree::add);
        }
        // those that left the group (setsid) or the tree (a double fork) still carry the child's mark
        for (long pid : family.markCandidates()) {
            if (ProcessMarks.carries(pid, child.mark())) {
                ProcessHandle.of(pid).ifPresent(tree::add);
            }
        }
        addServers(child, tree);
        return tree;
    }

    /** The servers found on the child's port, while they are the same processes (not a stranger that reused the pid). */
    private static void addServers(Lifeline.Spawned child, Set<ProcessHandle> tree) {
        child.servers().forEach((pid, startTicks) -> {
            if (ProcFs.isSameLiving(pid, startTicks)) {
                ProcessHandle.of(pid).ifPresent(tree::add);
            }
        });
    }

    /** SIGKILL to whatever of the child's group is still alive; returns their pids. */
    static List<Long> killSurvivors(Lifeline.Spawned child) {
        List<ProcessHandle> alive = tree(child).stream().filter(GroupSignals::alive).collect(Collectors.toList());
        alive.forEach(ProcessHandle::destroyForcibly);
        return alive.stream().map(ProcessHandle::pid).collect(Collectors.toList());
    }

    /** SIGTERM to each, SIGKILL to those still alive after {@code grace}; blocks until gone or given up. */
    static void terminate(List<ProcessHandle> targets, Duration grace, ProxyLog log) {
        targets.forEach(ProcessHandle::destroy);
        if (awaitGone(targets, System.nanoTime() + grace.toNanos())) {
            return;
        }
        List<ProcessHandle> stubborn = living(targets);
        log.log(LogLevel.WARN, null, "still running " + grace.toMillis() + " ms after SIGTERM: sending SIGKILL to " + pids(stubborn));
        stubborn.forEach(ProcessHandle::destroyForcibly);
        if (!awaitGone(stubborn, System.nanoTime() + Duration.ofSeconds(2).toNanos())) {
            log.log(LogLevel.ERROR, null, "could not kill " + pids(living(stubborn)));
        }
    }

    /** Waits, through interrupts (a half-done stop would leak processes), until all are gone or the deadline. */
    static boolean awaitGone(Iterable<ProcessHandle> targets, long deadlineNanos) {
        while (true) {
            boolean any = false;
            for (ProcessHandle target : targets) {
                any |= alive(target);
            }
            if (!any) {
                return true;
            }
            if (System.nanoTime() >= deadlineNanos) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                // keep waiting: the caller's stop must finish
            }
        }
    }

    /** Alive and not a zombie: a zombie holds no port or memory, only waits for a parent to reap it. */
    static boolean alive(ProcessHandle handle) {
        return handle.isAlive() && ProcFs.stat(handle.pid()).map(s -> !s.gone()).orElse(true);
    }

    static List<ProcessHandle> living(Iterable<ProcessHandle> targets) {
        List<ProcessHandle> alive = new ArrayList<>();
        targets.forEach(t -> {
            if (alive(t)) {
                alive.add(t);
            }
        });
        return alive;
    }

    static String pids(List<ProcessHandle> handles) {
        return handles.stream().map(h -> Long.toString(h.pid())).collect(Collectors.joining(", ", "pid ", ""));
    }
}
