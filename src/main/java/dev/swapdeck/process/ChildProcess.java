package dev.swapdeck.process;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.logging.LogLevel;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * The one owner of a model's upstream process (SPEC §3). All its state lives here under one lock and
 * changes only through {@link #transition}. Blocking work runs on this process's own daemon threads:
 * {@code swapdeck-start-<id>} (spawn, health probes), {@code swapdeck-out-<id>} (output),
 * {@code swapdeck-exit-<id>} (notices the child exiting), {@code swapdeck-stop-<id>} (signals, grace).
 * {@link StateChanged} is published while holding the lock, so listeners see moves in order (and must
 * not block, as {@code EventListener} says); futures are completed after releasing it, so callers'
 * continuations never run under it. Per-state behaviour of each method is documented on
 * {@link ModelProcess}.
 */
public final class ChildProcess implements ModelProcess {
    /** SPEC §3: how long a stopping process gets before SIGKILL. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /** How long to wait for a stopped child's last output to reach the log. */
    private static final Duration OUTPUT_SETTLE = Duration.ofMillis(300);

    private final ModelConfig config;
    private final Duration healthCheckTimeout;
    private final LogHub logs;
    private final Termination termination;
    private final Object lock = new Object();
    private ProcessState state = ProcessState.STOPPED;
    private Instant since = Instant.now();
    private Optional<String> lastError = Optional.empty();
    private Run run;
    private HttpClient probeClient;

    public ChildProcess(ModelConfig config, Duration healthCheckTimeout, LogHub logs) {
        this(config, healthCheckTimeout, STOP_GRACE, logs);
    }

    /** As above with a different stop grace, so tests of SIGKILL need not wait five seconds. */
    public ChildProcess(ModelConfig config, Duration healthCheckTimeout, Duration stopGrace, LogHub logs) {
        this.config = config;
        this.healthCheckTimeout = healthCheckTimeout;
        this.logs = logs;
        this.termination = new Termination(config.id(), logs, stopGrace);
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public ProcessState state() {
        synchronized (lock) {
            return state;
        }
    }

    @Override
    public ProcessInfo info() {
        synchronized (lock) {
            boolean running = state == ProcessState.STARTING || state == ProcessState.READY;
            Process process = run == null ? null : run.process;
            OptionalLong pid = process != null && (running || state == ProcessState.STOPPING)
                    ? OptionalLong.of(process.pid()) : OptionalLong.empty();
            Optional<Instant> startedAt = running && run != null ? Optional.ofNullable(run.startedAt) : Optional.empty();
            return new ProcessInfo(state, pid, since, startedAt, lastError);
        }
    }

    @Override
    public CompletableFuture<Void> ensureReady() {
        synchronized (lock) {
            switch (state) {
                case STOPPED:
                    return begin().ready.copy();
                case STARTING:
                    return run.ready.copy();
                case READY:
                    return CompletableFuture.completedFuture(null);
                case STOPPING:
                    return run.gone.thenCompose(done -> ensureReady());
                default:
                    return CompletableFuture.failedFuture(
                            new ShuttingDownException("Swapdeck is shutting down; " + id() + " will not start"));
            }
        }
    }

    @Override
    public CompletableFuture<Void> stop(String reason) {
        return stopEndingIn(ProcessState.STOPPED, reason);
    }

    @Override
    public CompletableFuture<Void> shutdown() {
        return stopEndingIn(ProcessState.SHUTDOWN, "shutting down");
    }

    private CompletableFuture<Void> stopEndingIn(ProcessState end, String reason) {
        Run stopping;
        RuntimeException interruption = null;
        synchronized (lock) {
            switch (state) {
                case STOPPED:
                    if (end == ProcessState.SHUTDOWN) {
                        transition(ProcessState.STOPPED, ProcessState.SHUTDOWN, reason);
                    }
                    return CompletableFuture.completedFuture(null);
                case SHUTDOWN:
                    return CompletableFuture.completedFuture(null);
                case STOPPING:
                    if (end == ProcessState.SHUTDOWN) {
                        run.end = ProcessState.SHUTDOWN;
                    }
                    return run.gone.copy();
                case STARTING:
                    interruption = end == ProcessState.SHUTDOWN
                            ? new ShuttingDownException("start of " + id() + " interrupted: Swapdeck is shutting down")
                            : new StartFailedException(id(), "start of " + id() + " interrupted: " + reason);
                    break;
                default:
                    break;
            }
            stopping = run;
            beginStop(stopping, state, reason, end);
        }
        if (interruption != null) {
            stopping.ready.completeExceptionally(interruption);
        }
        return stopping.gone.copy();
    }

    /** Starts a new run; caller holds the lock and the state is {@code stopped}. */
    private Run begin() {
        Run next = new Run();
        Optional<HealthProbe> probe = config.checkEndpoint().map(path -> new HealthProbe(
                probeClient(), HealthProbe.target(config.proxy(), path)));
        next.attempt = new StartAttempt(config, probe, healthCheckTimeout, new RunOutcome(this, next));
        next.starter = Threads.daemon("swapdeck-start-" + id(), next.attempt);
        run = next;
        lastError = Optional.empty();
        transition(ProcessState.STOPPED, ProcessState.STARTING, "start requested");
        next.starter.start();
        return next;
    }

    /** Moves to {@code stopping} and hands the stop to its own thread; caller holds the lock. */
    void beginStop(Run target, ProcessState from, String reason, ProcessState end) {
        target.end = end;
        transition(from, ProcessState.STOPPING, reason);
        target.starter.interrupt();
        Threads.daemon("swapdeck-stop-" + id(), () -> finishStop(target)).start();
    }

    private void finishStop(Run target) {
        Threads.joinQuietly(target.starter, Duration.ofSeconds(10));
        Process process;
        OutputPump pump;
        synchronized (lock) {
            process = target.process;
            pump = target.pump;
        }
        String how = process == null ? "stopped before the process was spawned"
                : termination.terminate(process, config.cmdStop());
        if (pump != null) {
            pump.awaitEnd(OUTPUT_SETTLE);
        }
        RunOutcome.killLeftovers(target, this);
        synchronized (lock) {
            transition(ProcessState.STOPPING, target.end, how);
        }
        target.gone.complete(null);
        if (target.failure != null) {
            target.ready.completeExceptionally(target.failure);
        }
    }

    /** Records a failure: proxy log, {@code lastError} (secrets masked) until the next start. Caller holds the lock. */
    void fail(String message) {
        lastError = Optional.of(logs.redact(message));
        logs.log(LogLevel.ERROR, id(), message);
    }

    /**
     * The only place the state changes: compare-and-set against {@code from}, checked against
     * {@link ProcessState#canMoveTo}. A refused move is logged and changes nothing. Caller holds the lock.
     */
    boolean transition(ProcessState from, ProcessState to, String reason) {
        if (state != from || !from.canMoveTo(to)) {
            logs.log(LogLevel.WARN, id(), "refused state change " + from.label() + " → " + to.label()
                    + " (state is " + state.label() + "): " + reason);
            return false;
        }
        state = to;
        since = Instant.now();
        logs.log(LogLevel.INFO, id(), from.label() + " → " + to.label() + ": " + reason);
        logs.bus().publish(new StateChanged(id(), from, to, since, reason));
        return true;
    }

    /** The one lock guarding this process's state, shared with its {@link RunOutcome}s. */
    Object lock() {
        return lock;
    }

    /** Whether {@code candidate} is the current run and the state is {@code expected}; under the lock. */
    boolean isCurrent(Run candidate, ProcessState expected) {
        return run == candidate && state == expected;
    }

    ProcessState currentState() {
        return state;
    }

    LogHub logs() {
        return logs;
    }

    Duration healthCheckTimeout() {
        return healthCheckTimeout;
    }

    private HttpClient probeClient() {
        if (probeClient == null) {
            probeClient = HealthProbe.newClient();
        }
        return probeClient;
    }
}
