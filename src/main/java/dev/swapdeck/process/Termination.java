package dev.swapdeck.process;

import dev.swapdeck.logging.LogHub;
import dev.swapdeck.logging.LogLevel;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Stops one child and everything it started (SPEC §3): {@code cmdStop} if configured, else SIGTERM to
 * the child, its descendants and its process group; whatever is still alive after the grace gets
 * SIGKILL. A dead parent's children are re-parented and can no longer be found through it, so the tree
 * is snapshotted before any signal, except for a child that leads its own process group: its members
 * are found by group after it is gone, so it gets its SIGTERM first and stops while the tree is read. Blocking, on the stopper's thread; it carries on through
 * interrupts, because a half-done stop would leak processes. It changes no state: it returns how the
 * child ended, and the owner records it.
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

    /**
     * Stops {@code child} and its tree; returns how it ended, for the state change reason. {@code cmdStop}
     * runs with the model's {@code env}, as its {@code cmd} did (and as llama-swap runs it).
     */
    String terminate(Lifeline.Spawned child, List<String> cmdStop, Map<String, String> env) {
        Process process = child.process();
        long deadline = System.nanoTime() + grace.toNanos();
        Set<ProcessHandle> tree;
        if (cmdStop.isEmpty() && child.ownGroup()) {
            // The child leads its own group, whose members stay findable after it exits: it is asked
            // first, and the tree (a read of every process on the machine) is gathered while it stops.
            // One SIGTERM only: llama-server treats a second one as "terminate immediately" and can
            // hang in that exit while the first one is still unwinding. What it starts to handle that
            // SIGTERM is left to finish, as a signal to its whole group would leave it.
            Optional<SignalMoment> asked = SignalMoment.now();
            process.toHandle().destroy();
            tree = GroupSignals.tree(child);
            tree.stream().filter(member -> member.pid() != process.pid())
                    .filter(member -> asked.map(moment -> moment.existedAt(member.pid())).orElse(true))
                    .forEach(ProcessHandle::destroy);
        } else {
            tree = GroupSignals.tree(child);
            if (cmdStop.isEmpty() || !runStopCommand(cmdStop, env, process.pid(), deadline)) {
                tree.forEach(ProcessHandle::destroy);
            }
        }
        boolean killed = false;
        boolean childOutlivedGrace = false;
        awaitExit(process, deadline);
        if (!GroupSignals.awaitGone(tree, deadline)) {
            killed = true;
            childOutlivedGrace = process.isAlive();
            tree.addAll(GroupSignals.tree(child));
            logs.log(LogLevel.WARN, model, "still running " + grace.toMillis() + " ms after asking it to stop: "
                    + "sending SIGKILL to " + GroupSignals.pids(GroupSignals.living(tree)));
            tree.forEach(ProcessHandle::destroyForcibly);
            if (!GroupSignals.awaitGone(tree, System.nanoTime() + AFTER_KILL.toNanos())) {
                logs.log(LogLevel.ERROR, model, "could not kill " + GroupSignals.pids(GroupSignals.living(tree)));
            }
        }
        awaitExitCode(process);
        String how = process.isAlive() ? "did not exit" : ExitCode.describe(process.exitValue());
        if (!killed) {
            return how;
        }
        // the child may have ended at once (its cmdStop killed it) while what it started held on
        return childOutlivedGrace ? how + ", killed: still running when the grace ended"
                : how + "; what it started was still running when the grace ended, and was killed";
    }

    /**
     * Waits for the child itself, which the JDK's reaper reports the moment it exits; the rest of the
     * tree (usually nothing) is then polled. Polling first would add up to a poll interval to every
     * stop, and a stop is on the critical path of every swap.
     */
    private static void awaitExit(Process process, long deadline) {
        while (true) {
            try {
                process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                return;
            } catch (InterruptedException e) {
                // the stop goes on
            }
        }
    }

    /** The process is gone; the JDK's reaper may need a moment to collect its exit code. */
    private static void awaitExitCode(Process process) {
        try {
            process.waitFor(AFTER_KILL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs {@code cmdStop} with {@code ${PID}} substituted; false if it could not even be started. It
     * is spawned as a model is ({@link Lifeline}: its own process group, killed with the JVM), and a
     * stop command still running when the grace ends is killed with everything it started.
     */
    private boolean runStopCommand(List<String> cmdStop, Map<String, String> env, long pid, long deadline) {
        List<String> argv = Programs.resolved(cmdStop.stream().map(a -> a.replace("${PID}", Long.toString(pid)))
                .collect(Collectors.toList()), env);
        Optional<String> problem = Programs.problem(argv, env);
        if (problem.isPresent()) {
            logs.log(LogLevel.ERROR, model, "cmdStop could not be run (" + problem.get() + "); sending SIGTERM instead");
            return false;
        }
        try {
            ProcessBuilder builder = new ProcessBuilder().redirectErrorStream(true);
            builder.environment().putAll(env);
            Lifeline.Spawned spawned = Lifeline.ofThisJvm().spawn(builder, argv, WatchdogStop.NONE,
                    ProcessMarks.next(model), logs);
            Process stopper = spawned.process();
            OutputPump pump = OutputPump.start("swapdeck-out-" + model + "-stop", stopper.getInputStream(),
                    model, logs, line -> { });
            boolean done = waitThroughInterrupts(stopper, deadline);
            List<ProcessHandle> left = GroupSignals.living(GroupSignals.tree(spawned));
            if (!done) {
                logs.log(LogLevel.WARN, model, "cmdStop still running when the grace ran out; killing it and what it"
                        + " started: " + GroupSignals.pids(left));
            } else if (stopper.exitValue() != 0) {
                logs.log(LogLevel.WARN, model, "cmdStop exited with code " + stopper.exitValue());
            }
            left.forEach(ProcessHandle::destroyForcibly);
            GroupSignals.awaitGone(left, System.nanoTime() + AFTER_KILL.toNanos());
            Lifeline.ofThisJvm().release(spawned);
            pump.awaitOutput(Duration.ofMillis(200));
            return true;
        } catch (IOException e) {
            logs.log(LogLevel.ERROR, model, "cmdStop could not be run (" + e.getMessage() + "); sending SIGTERM instead");
            return false;
        }
    }

    private static boolean waitThroughInterrupts(Process stopper, long deadline) {
        while (true) {
            try {
                return stopper.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                // the stop goes on
            }
        }
    }
}
