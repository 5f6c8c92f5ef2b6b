package dev.swapdeck.process;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.logging.LogLevel;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The blocking part of one start, on its own thread {@code swapdeck-start-<model>}: check the port,
 * spawn the command (through {@link Children}), then probe health until it answers 200, the deadline
 * passes, the child exits, or the thread is interrupted (a stop or shutdown took over). It decides
 * nothing and changes no state: it tells the owner what happened through {@link Reports}, exactly one
 * of {@code spawned}, {@code spawnFailed} or {@code notSpawned} per start, then at most one of
 * {@code healthy} or {@code timedOut}. Polling starts every 2 ms and backs off to 10 ms, and an output
 * line wakes it early, so readiness is noticed within milliseconds without a busy loop.
 */
final class StartSequence implements Runnable {
    interface Reports {
        void spawned(Lifeline.Spawned child, OutputPump pump);

        void spawnFailed(String message);

        /** Interrupted before anything was spawned. */
        void notSpawned();

        void healthy();

        /** {@code lastTry}: the URL probed and what its last probe met, e.g. "connection refused". */
        void timedOut(String lastTry);

        /** The start cannot succeed for {@code message}'s reason; the child is still running. */
        void failed(String message);
    }

    private static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MIN_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long STRANGER_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /**
     * What the last look, a probe begun at or past the deadline, may take: an ordinary probe's time
     * ({@link HealthProbe} caps each at 2 s). A machine just resumed from a pause answers its first
     * request slowly: 250 ms timed out on CI and killed a server that had been healthy for seconds.
     */
    private static final long LAST_PROBE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final ModelConfig config;
    private final Optional<HealthProbe> probe;
    private final ProbeEchoes echoes;
    private final Duration timeout;
    private final Children children;
    private final LogHub logs;
    private final Reports reports;
    private final ExitWatch exitWatch;
    private boolean woken;

    /** Started once the child is spawned; reports the child's exit to the owner. */
    interface ExitWatch {
        void watch(Lifeline.Spawned child, OutputPump pump);
    }

    StartSequence(ModelConfig config, Optional<HealthProbe> probe, Duration timeout, Children children, LogHub logs,
                  Reports reports, ExitWatch exitWatch) {
        this.config = config;
        this.probe = probe;
        this.echoes = ProbeEchoes.of(probe.map(HealthProbe::uri));
        this.timeout = timeout;
        this.children = children;
        this.logs = logs;
        this.reports = reports;
        this.exitWatch = exitWatch;
    }

    @Override
    public void run() {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<String> refusal;
        try {
            refusal = PortCheck.conflict(config.id(), config.proxy()).or(this::missingProgram);
        } catch (RuntimeException e) {
            // a start must end in a report, whatever fails: a model left starting blocks every swap
            refusal = Optional.of("cannot run the command: " + e.getMessage() + " — check cmd of model " + config.id());
        }
        if (refusal.isPresent()) {
            reports.spawnFailed(refusal.get());
            return;
        }
        if (Thread.currentThread().isInterrupted()) {
            reports.notSpawned();
            return;
        }
        Lifeline.Spawned child;
        try {
            ProcessBuilder builder = new ProcessBuilder().redirectErrorStream(true);
            builder.environment().putAll(config.env());
            child = children.spawn(config, builder, logs);
        } catch (IOException | RuntimeException e) {
            reports.spawnFailed(SpawnFailure.describe(config.cmd().get(0), config.id(), e));
            return;
        }
        Process process = child.process();
        closeInput(process);
        // always drained and watched, even if a stop is already under way: its output matters
        OutputPump pump = OutputPump.start("swapdeck-out-" + config.id(), process.getInputStream(), config.id(), logs,
                echoes, this::wake);
        reports.spawned(child, pump);
        exitWatch.watch(child, pump); // after the spawned report, so the owner hears of the exit second
        try {
            awaitHealthy(child, deadline);
        } finally {
            pump.settle(); // no one waits on its next line any more
        }
    }

    private void awaitHealthy(Lifeline.Spawned child, long deadline) {
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        if (probe.isEmpty()) {
            reports.healthy();
            return;
        }
        try {
            probeUntilHealthy(child, probe.get(), deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void probeUntilHealthy(Lifeline.Spawned child, HealthProbe health, long deadline)
            throws InterruptedException {
        Process process = child.process();
        PortOwnership.warmWhileLoading();
        PortOwnership ownership = PortOwnership.of(config, child);
        long pause = FIRST_POLL_NANOS;
        String strangerSeen = null;
        while (process.isAlive()) {
            long probedAt = System.nanoTime();
            long left = deadline - probedAt;
            long probeTime = Math.min(left > 0 ? left : LAST_PROBE_NANOS, HealthProbe.MAX_REQUEST_TIME.toNanos());
            boolean healthy = health.healthy(Duration.ofNanos(left > 0 ? left : LAST_PROBE_NANOS));
            if (healthy) {
                // a health answer counts only from our own child, while it lives (the owner checks again)
                Optional<PortOwnership.Stranger> stranger = ownership.stranger();
                if (stranger.isEmpty()) {
                    if (process.isAlive()) {
                        reports.healthy();
                    }
                    return;
                }
                String holder = stranger.get().holder().shown();
                String fix = "stop that process or give model " + config.id() + " another port";
                if (stranger.get().besideOwn()) {
                    // both bound with SO_REUSEPORT (llama-server does): the kernel shares requests out between them
                    reports.failed("port conflict: " + holder + " listens on port " + ownership.port() + " beside the"
                            + " server Swapdeck started, so requests would reach either — " + fix);
                    return;
                }
                if (strangerSeen == null) {
                    strangerSeen = holder;
                    logs.log(LogLevel.WARN, config.id(), "port " + ownership.port() + " answers " + config.id()
                            + "'s health check, but " + holder + " holds it, not the server Swapdeck "
                            + "started: not ready until its own server answers; " + fix);
                }
            } else if (health.answered()) {
                ownership.learnWhileLoading();
                // a server a wrapper started outside the child's group and mark is kept from now, not once ready:
                // a Swapdeck killed while it loads must not leave it holding the port
                children.guardServers(config, child, logs);
            }
            // Only a probe begun at or past the deadline ends the start. When Swapdeck itself was paused
            // (SIGSTOP, a suspended machine) past the deadline, in a sleep or inside a probe, the probe
            // before the pause saw the server as it was then; the next one sees it now, maybe healthy.
            boolean overdue = left <= 0;
            if (overdue && strangerSeen != null) {
                reports.failed("health check timed out after " + Threads.describe(timeout) + ": only " + strangerSeen
                        + ", which Swapdeck did not start, answered on port " + ownership.port() + " — stop that"
                        + " process or give model " + config.id() + " another port");
                return;
            }
            if (overdue) {
                reports.timedOut("no 200 from " + health.uri() + "; the last try: " + health.outcome());
                return;
            }
            left = deadline - System.nanoTime(); // at or below 0: the next probe goes at once
            long sleep;
            if (healthy) {
                // a stranger answered; not woken by output: each look names the holder with a scan of every process
                sleep = Math.max(0, Math.min(STRANGER_RECHECK_NANOS, left));
                TimeUnit.NANOSECONDS.sleep(sleep);
            } else {
                sleep = Math.max(0, Math.min(pause, left));
                sleepUnlessWoken(sleep);
                pause = Math.min(pause * 2, MAX_POLL_NANOS);
            }
            // a probe's connect, status line and drain each may take its time: twice it, before a freeze counts
            deadline += Frozen.during(System.nanoTime() - probedAt, 2 * probeTime + sleep);
        }
        // exited: the exit watch reports it with the exit code
    }

    /**
     * Probe at once: the child printed {@code line}. Cheap; called for every output line. Not for a
     * line answering a health check ({@link ProbeEchoes}): llama-server prints one for every request it answers,
     * health checks included, and each probe's own line would call the next (about 300 probes a
     * second while a model loads). Its other lines ("model loaded", "all slots are idle") still wake.
     */
    void wake(String line) {
        if (echoes.isEcho(line)) {
            return;
        }
        synchronized (this) {
            woken = true;
            notifyAll();
        }
    }

    /** Sleeps {@code nanos}, or less if woken, but at least 1 ms: a log flood must not become a probe flood. */
    private synchronized void sleepUnlessWoken(long nanos) throws InterruptedException {
        long start = System.nanoTime();
        long until = start + nanos;
        long earliest = start + Math.min(nanos, MIN_GAP_NANOS);
        for (long now = start; now < (woken ? earliest : until); now = System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(this, (woken ? earliest : until) - now);
        }
        woken = false;
    }

    /** Upstreams get no input, as under llama-swap: a child reading stdin sees its end at once. */
    private static void closeInput(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the child is already gone; its exit is reported by the exit watch
        }
    }

    /** What keeps the command from running at all, named as the start's failure. */
    private Optional<String> missingProgram() {
        if (config.cmd().isEmpty()) {
            return Optional.of("model " + config.id() + " has no cmd: add the command that starts its server"
                    + " (a server that runs elsewhere goes in peers)");
        }
        return Programs.problem(config.cmd(), config.env()).map(problem -> problem + " — check cmd of model " + config.id());
    }
}
