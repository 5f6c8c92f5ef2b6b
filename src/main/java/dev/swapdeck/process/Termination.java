package dev.swapdeck.process;

import dev.swapdeck.logging.LogHub;
import dev.swapdeck.logging.LogLevel;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Stops one child and everything it started (SPEC §3): {@code cmdStop} if configured, else SIGTERM to
 * the child and its descendants; whatever is still alive after the grace gets SIGKILL. Descendants
 * are snapshotted before any signal, because a dead parent's children are re-parented and can no
 * longer be found. Signals go through {@link ProcessHandle#destroy()}, never {@link Process#destroy()}:
 * the latter also closes our end of the pipes, losing the child's shutdown output and killing it with
 * SIGPIPE if it writes. Blocking, on the caller's thread; it carries on through interrupts, because a
 * half-done stop would leak processes.
 */
final class Termination {
    private static final Duration AFTER_KILL = Duration.ofSeconds(2);
    private final String model;
    private final LogHub logs;
    private final Duration grace;

    Termination(String model, LogHub logs, Duration grace) {
        this.model = model;
        this.logs = logs;
        this.grace = grace;
    }

    /** Stops {@code process} and its descendants; returns how it ended, for the state change reason. */
    String terminate(Process process, List<String> cmdStop) {
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add);
        long deadline = System.nanoTime() + grace.toNanos();
        if (cmdStop.isEmpty() || !runStopCommand(cmdStop, process.pid(), deadline)) {
            tree.forEach(ProcessHandle::destroy);
        }
        boolean killed = false;
        if (!awaitGone(process, tree, deadline)) {
            killed = true;
            process.descendants().forEach(tree::add);
            logs.log(LogLevel.WARN, model, "still running " + grace.toMillis() + " ms after asking it to stop: "
                    + "sending SIGKILL to " + pids(alive(tree)));
            tree.forEach(ProcessHandle::destroyForcibly);
            if (!awaitGone(process, tree, System.nanoTime() + AFTER_KILL.toNanos())) {
                logs.log(LogLevel.ERROR, model, "could not kill " + pids(alive(tree)));
            }
        }
        String how = process.isAlive() ? "did not exit" : "exited with code " + process.exitValue();
        return killed ? how + " after SIGKILL" : how;
    }

    /** Runs {@code cmdStop} with {@code ${PID}} substituted; false if it could not even be started. */
    private boolean runStopCommand(List<String> cmdStop, long pid, long deadline) {
        List<String> argv = cmdStop.stream().map(a -> a.replace("${PID}", Long.toString(pid)))
                .collect(Collectors.toList());
        try {
            Process stopper = new ProcessBuilder(argv).redirectErrorStream(true).start();
            OutputPump pump = OutputPump.start("swapdeck-out-" + model + "-stop", stopper.getInputStream(),
                    model, logs, () -> { });
            boolean done = uninterruptibly(() -> stopper.waitFor(remaining(deadline), TimeUnit.NANOSECONDS));
            if (!done) {
                logs.log(LogLevel.WARN, model, "cmdStop still running when the grace ran out; killing it");
                stopper.toHandle().destroyForcibly();
            } else if (stopper.exitValue() != 0) {
                logs.log(LogLevel.WARN, model, "cmdStop exited with code " + stopper.exitValue());
            }
            pump.awaitEnd(Duration.ofMillis(200));
            return true;
        } catch (IOException e) {
            logs.log(LogLevel.ERROR, model, "cmdStop could not be run (" + e.getMessage() + "); sending SIGTERM instead");
            return false;
        }
    }

    /** Waits until every process in {@code tree} is gone or the deadline passes. */
    private static boolean awaitGone(Process process, Set<ProcessHandle> tree, long deadline) {
        uninterruptibly(() -> process.waitFor(remaining(deadline), TimeUnit.NANOSECONDS));
        while (!alive(tree).isEmpty()) {
            if (remaining(deadline) <= 0) {
                return false;
            }
            uninterruptibly(() -> {
                Thread.sleep(5);
                return true;
            });
        }
        return true;
    }

    private static List<ProcessHandle> alive(Set<ProcessHandle> tree) {
        List<ProcessHandle> alive = new ArrayList<>();
        tree.stream().filter(ProcessHandle::isAlive).forEach(alive::add);
        return alive;
    }

    private static String pids(List<ProcessHandle> handles) {
        return handles.stream().map(h -> Long.toString(h.pid())).collect(Collectors.joining(", ", "pid ", ""));
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private interface Wait {
        boolean await() throws InterruptedException;
    }

    /** Runs a wait; an interrupt only cuts this one wait short, the stop goes on. */
    private static boolean uninterruptibly(Wait wait) {
        try {
            return wait.await();
        } catch (InterruptedException e) {
            return false;
        }
    }
}
