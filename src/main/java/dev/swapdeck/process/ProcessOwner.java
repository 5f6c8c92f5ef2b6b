package dev.swapdeck.process;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.security.Secrets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The single writer of one model process (SPEC §3, STYLE 18): every method here runs on the process's
 * {@link Mailbox} thread, one at a time, so the state, the current {@link Run} and the record of the
 * child change in one place and need no lock. Commands come from {@link ChildProcess}; reports come
 * from the helper threads, which only do blocking work and post what they saw: the starter
 * ({@link StartSequence}), the exit watcher and the stopper ({@link Termination}). A report about a run
 * that is no longer current, or that lost a race with a stop, is recognised here and dropped.
 * Futures are completed here too; callers' continuations therefore run on this thread and must not block.
 */
final class ProcessOwner {
    /** The longest an exited child's last output is waited for (see {@link OutputPump#awaitOutput}). */
    private static final Duration OUTPUT_SETTLE = Duration.ofMillis(300);
    /**
     * How long a child's own exit during its start waits for a shutdown before it fails the start. A
     * SIGTERM sent to Swapdeck and its servers at once (a service manager's stop of the whole unit, the
     * machine's shutdown) ends a server before Swapdeck has read its own signal and told its processes.
     * Not for a ready server's exit: until it is reported, the model counts as ready, and requests
     * sent to it meanwhile would fail rather than wait for its next start.
     */
    private static final Duration SHUTDOWN_SIGNAL_GRACE = Duration.ofMillis(100);

    private final ModelConfig config;
    private final Duration healthCheckTimeout;
    private final LogHub logs;
    private final Children children;
    private final Termination termination;
    private final Mailbox mailbox;
    private final Lifecycle life;
    /** Completed, on any thread, the moment a shutdown is asked for: a child's exit from then on is part of it. */
    private final CompletableFuture<Void> shutdownAsked = new CompletableFuture<>();
    private Run run;
    private volatile ProcessInfo info;

    ProcessOwner(ModelConfig config, Duration healthCheckTimeout, Duration stopGrace, LogHub logs, Children children) {
        this.config = config;
        this.healthCheckTimeout = healthCheckTimeout;
        this.logs = logs;
        this.children = children;
        this.termination = new Termination(config.id(), logs, stopGrace);
        this.mailbox = new Mailbox(config.id(), logs);
        this.life = new Lifecycle(config.id(), logs);
        this.info = snapshot();
        life.beforePublish(() -> info = snapshot());
    }

    ProcessState state() {
        return life.state();
    }

    Optional<String> stopReason() {
        return life.stopReason();
    }

    Optional<String> exitOf(long generation) {
        return life.exitOf(generation);
    }

    ProcessInfo info() {
        return info;
    }

    /** Runs {@code command} on the owner's thread, then refreshes the snapshot readers see. */
    void post(Runnable command) {
        mailbox.post(() -> {
            command.run();
            info = snapshot();
        });
    }

    /** Called before the shutdown's stop is posted, so that an exit reported before it is read as part of it. */
    void shutdownAsked() {
        shutdownAsked.complete(null);
    }

    void ensureReady(CompletableFuture<Void> answer) {
        switch (life.state()) {
            case STOPPED -> relay(begin().ready, answer);
            case STARTING -> relay(run.ready, answer);
            case READY -> answer.complete(null);
            case STOPPING -> run.gone.whenComplete((v, e) -> post(() -> ensureReady(answer)));
            default -> answer.completeExceptionally(
                    new ShuttingDownException("Swapdeck is shutting down; " + config.id() + " will not start"));
        }
    }

    void stop(ProcessState end, String reason, CompletableFuture<Void> answer) {
        switch (life.state()) {
            case STOPPED -> {
                if (end == ProcessState.SHUTDOWN) {
                    life.transition(ProcessState.STOPPED, ProcessState.SHUTDOWN, reason);
                }
                answer.complete(null);
            }
            case SHUTDOWN -> answer.complete(null);
            case STOPPING -> {
                if (end == ProcessState.SHUTDOWN) {
                    run.end = ProcessState.SHUTDOWN;
                }
                relay(run.gone, answer);
            }
            case STARTING -> {
                Run stopping = run;
                relay(stopping.gone, answer);
                beginStop(ProcessState.STARTING, reason, end);
                stopping.ready.completeExceptionally(end == ProcessState.SHUTDOWN
                        ? new ShuttingDownException("start of " + config.id() + " interrupted: Swapdeck is shutting down")
                        : new StartFailedException(config.id(), "start of " + config.id() + " interrupted: " + reason));
            }
            default -> {
                relay(run.gone, answer);
                beginStop(ProcessState.READY, reason, end);
            }
        }
    }

    private Run begin() {
        Run next = new Run();
        Optional<HealthProbe> probe = config.checkEndpoint().map(path -> new HealthProbe(HealthProbe.target(config.proxy(), path)));
        StartSequence sequence = new StartSequence(config, probe, healthCheckTimeout, children, logs, reportsOf(next),
                (child, pump) -> watchExit(next, child, pump));
        next.starter = Threads.daemon("swapdeck-start-" + config.id(), sequence, logs);
        run = next;
        life.clearError();
        life.transition(ProcessState.STOPPED, ProcessState.STARTING, "start requested");
        next.starter.start();
        return next;
    }

    /** Reports from a run's helper threads, each posted to this owner's mailbox. */
    private StartSequence.Reports reportsOf(Run of) {
        return new StartSequence.Reports() {
            @Override
            public void spawned(Lifeline.Spawned child, OutputPump pump) {
                post(() -> onSpawned(of, child, pump));
            }

            @Override
            public void spawnFailed(String message) {
                post(() -> onSpawnFailed(of, message));
            }

            @Override
            public void notSpawned() {
                post(() -> onSpawnFailed(of, null));
            }

            @Override
            public void healthy() {
                post(() -> onHealthy(of));
            }

            @Override
            public void timedOut(String lastTry) {
                post(() -> onTimedOut(of, lastTry));
            }

            @Override
            public void failed(String message) {
                post(() -> onStartFailed(of, message));
            }
        };
    }

    private void onSpawned(Run of, Lifeline.Spawned child, OutputPump pump) {
        of.child = child;
        of.pump = pump;
        of.spawnSettled = true;
        info = snapshot(); // whoever reads the line below finds the same pid in the status API already
        logs.log(LogLevel.INFO, config.id(), "spawned pid " + child.pid() + ": " + Secrets.commandLine(config.cmd()));
        if (of == run && life.state() == ProcessState.STOPPING) {
            startStopper(of);
        }
    }

    /** {@code message} is null when the start was interrupted before a spawn. */
    private void onSpawnFailed(Run of, String message) {
        of.spawnSettled = true;
        if (of != run) {
            return;
        }
        if (life.state() == ProcessState.STARTING && message != null) {
            life.fail(message);
            life.transition(ProcessState.STARTING, ProcessState.STOPPED, message);
            of.gone.complete(null);
            of.ready.completeExceptionally(new StartFailedException(config.id(), message));
        } else if (life.state() == ProcessState.STOPPING) {
            finish(of, "stopped before the process was spawned");
        }
    }

    private void onHealthy(Run of) {
        if (of != run || life.state() != ProcessState.STARTING || !of.child.process().isAlive()) {
            return;
        }
        long millis = (System.nanoTime() - of.child.nanos()) / 1_000_000;
        // guarded before anyone hears it is ready: a Swapdeck killed once a client has its answer must
        // take a wrapper's server with it (nothing when the child is the server, as llama-server is)
        children.guardServers(config, of.child, logs);
        life.transition(ProcessState.STARTING, ProcessState.READY, config.checkEndpoint().isPresent()
                ? "healthy " + millis + " ms after spawn" : "ready unchecked (checkEndpoint: none) " + millis + " ms after spawn");
        of.ready.complete(null);
    }

    /** The child is stopped first; the start fails once it is gone (see {@link Run#failure}). */
    private void onTimedOut(Run of, String lastTry) {
        onStartFailed(of, "health check timed out after " + Threads.describe(healthCheckTimeout)
                + " (" + lastTry + "); " + of.pump.tail().describe() + " — "
                + StartTimeoutAdvice.of(of.child.process().toHandle(), config.proxy(), lastTry.contains("answered 404")));
    }

    /** A start that cannot succeed: the child is stopped and the waiting requests get {@code message}. */
    private void onStartFailed(Run of, String message) {
        if (of != run || life.state() != ProcessState.STARTING) {
            return;
        }
        life.fail(message);
        of.failure = new StartFailedException(config.id(), message);
        beginStop(ProcessState.STARTING, message, ProcessState.STOPPED);
    }

    /** A child that exits on its own during start or while ready (a stop reports its own exit). */
    private void onExited(Run of, int code, String lastOutput) {
        ProcessState state = life.state();
        if (of != run || (state != ProcessState.STARTING && state != ProcessState.READY)) {
            return;
        }
        of.starter.interrupt();
        List<Long> leftBehind = killLeftBehind(of);
        if (shutdownAsked.isDone()) {
            endedWithTheShutdown(of, state, code);
            return;
        }
        // its last output may quote a key: masked here, the message reaches clients too
        String message = logs.redact(ExitCode.describe(code)
                + (state == ProcessState.STARTING ? " during start; " : "; ") + lastOutput
                + (leftBehind.isEmpty() ? "" : "; it left " + leftBehind.size() + " process(es) running in the"
                        + " background, now stopped: cmd must keep the server in the foreground (no '&', no daemon mode)")
                + (state == ProcessState.STARTING ? strangerLeft() : ""));
        life.fail(message, OptionalInt.of(code));
        life.transition(state, ProcessState.STOPPED, message);
        life.ended(of.child.generation());
        children.ended(of.child);
        of.gone.complete(null);
        if (state == ProcessState.STARTING) {
            of.ready.completeExceptionally(new StartFailedException(config.id(), message));
        }
    }

    /**
     * What listens on the model's port after its command exited during the start: a server the command
     * left beyond reach (a double fork that also cleared its environment carries neither the child's
     * group nor its mark) or another program; Swapdeck cannot tell which, so it leaves it running.
     */
    private String strangerLeft() {
        return PortCheck.holderNow(config.proxy()).map(holder -> "; " + holder + ", left running: Swapdeck cannot"
                + " tell whether cmd started it (in a double fork under env -i) or another program did; stop it,"
                + " and keep the server in cmd's foreground").orElse("");
    }

    /** The child exited as Swapdeck shut down (signalled with it): no crash, and a start waiting on it is refused as such. */
    private void endedWithTheShutdown(Run of, ProcessState state, int code) {
        life.transition(state, ProcessState.SHUTDOWN, ExitCode.describe(code) + " as Swapdeck shut down");
        children.ended(of.child);
        of.gone.complete(null);
        if (state == ProcessState.STARTING) {
            of.ready.completeExceptionally(
                    new ShuttingDownException("start of " + config.id() + " interrupted: Swapdeck is shutting down"));
        }
    }

    /** Moves to {@code stopping} and, once there is a child, hands the stop to its own thread. */
    private void beginStop(ProcessState from, String reason, ProcessState end) {
        run.end = end;
        life.transition(from, ProcessState.STOPPING, reason);
        run.starter.interrupt();
        if (run.child != null) {
            startStopper(run);
        }
        // else the spawn is still under way: onSpawned or onSpawnFailed carries on
    }

    private void startStopper(Run of) {
        if (of.stopperStarted) {
            return;
        }
        of.stopperStarted = true;
        Threads.daemon("swapdeck-stop-" + config.id(), () -> {
            String how = termination.terminate(of.child, config.cmdStop(), config.env());
            of.pump.awaitOutput(OUTPUT_SETTLE);
            post(() -> finish(of, how));
        }, logs).start();
    }

    /**
     * The stop of {@code of} is complete: kill what it left, record it, answer every waiter, then
     * forget the child (its record file and the watchdog's entry are bookkeeping: a swap's next start
     * need not wait for them, and a record of a dead pid is never acted on).
     */
    private void finish(Run of, String how) {
        if (of.child != null) {
            killLeftBehind(of);
        }
        life.transition(ProcessState.STOPPING, of.end, how);
        of.gone.complete(null);
        if (of.child != null) {
            children.ended(of.child);
        }
        if (of.failure != null) {
            of.ready.completeExceptionally(of.failure);
        }
    }

    /** Kills whatever the run's child left running and waits until it is gone; returns their pids. */
    private List<Long> killLeftBehind(Run of) {
        List<Long> killed = GroupSignals.killSurvivors(of.child);
        if (!killed.isEmpty()) {
            logs.log(LogLevel.WARN, config.id(), "killed " + killed.size() + " process(es) the server left running: "
                    + killed.stream().map(String::valueOf).collect(Collectors.joining(", ")));
            GroupSignals.awaitGone(GroupSignals.tree(of.child), System.nanoTime() + Duration.ofSeconds(2).toNanos());
        }
        return killed;
    }

    /** On its own thread {@code swapdeck-exit-<model>}: waits for the child to exit, then reports. */
    private void watchExit(Run of, Lifeline.Spawned child, OutputPump pump) {
        Threads.daemon("swapdeck-exit-" + config.id(), () -> {
            int code = waitThroughInterrupts(child.process());
            pump.awaitOutput(OUTPUT_SETTLE);
            if (info.state() == ProcessState.STARTING) {
                awaitShutdownAsked();
            }
            String lastOutput = pump.tail().describe();
            post(() -> onExited(of, code, lastOutput));
        }, logs).start();
    }

    private void awaitShutdownAsked() {
        try {
            shutdownAsked.get(SHUTDOWN_SIGNAL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // no shutdown: the exit is the child's own
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int waitThroughInterrupts(Process process) {
        while (true) {
            try {
                return process.waitFor();
            } catch (InterruptedException e) {
                // nothing interrupts this thread on purpose; keep waiting for the exit
            }
        }
    }

    private ProcessInfo snapshot() {
        ProcessState state = life.state();
        boolean running = state == ProcessState.STARTING || state == ProcessState.READY;
        Lifeline.Spawned child = run == null ? null : run.child;
        OptionalLong pid = child != null && (running || state == ProcessState.STOPPING)
                ? OptionalLong.of(child.pid()) : OptionalLong.empty();
        Optional<Instant> startedAt = running && child != null ? Optional.of(child.at()) : Optional.empty();
        long generation = running && child != null ? child.generation() : 0;
        long startedNanos = running && child != null ? child.nanos() : 0;
        boolean wasReady = state == ProcessState.READY || state == ProcessState.STOPPING && run != null
                && run.ready.isDone() && !run.ready.isCompletedExceptionally();
        return new ProcessInfo(state, pid, life.since(), life.sinceNanos(), startedAt, startedNanos, generation,
                life.lastError(), wasReady, life.exitCode());
    }

    private static void relay(CompletableFuture<Void> from, CompletableFuture<Void> to) {
        from.whenComplete((v, e) -> {
            if (e == null) {
                to.complete(null);
            } else {
                to.completeExceptionally(e);
            }
        });
    }
}
