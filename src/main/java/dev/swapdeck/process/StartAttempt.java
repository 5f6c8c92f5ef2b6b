package dev.swapdeck.process;

import dev.swapdeck.config.ModelConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One start of one child, run on its own thread: spawn the command, then probe health until it
 * answers 200, the deadline passes, or the thread is interrupted (a stop or shutdown took over: the
 * attempt then ends quietly). It decides nothing about state; it reports to its owner through
 * {@link Outcome}. Polling starts every 2 ms and backs off to 10 ms, and an output line wakes it early,
 * so readiness is noticed within milliseconds without a busy loop.
 */
final class StartAttempt implements Runnable {
    /** What the owner learns; each call re-checks under the owner's lock whether it still matters. */
    interface Outcome {
        /** The child exists; false if the start was abandoned meanwhile, ending the attempt. */
        boolean spawned(Process process);

        void spawnFailed(String message);

        void healthy();

        void timedOut();
    }

    private static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MIN_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final ModelConfig config;
    private final Optional<HealthProbe> probe;
    private final Duration timeout;
    private final Outcome outcome;
    private boolean woken;

    StartAttempt(ModelConfig config, Optional<HealthProbe> probe, Duration timeout, Outcome outcome) {
        this.config = config;
        this.probe = probe;
        this.timeout = timeout;
        this.outcome = outcome;
    }

    @Override
    public void run() {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(config.cmd()).redirectErrorStream(true);
            builder.environment().putAll(config.env());
            process = builder.start();
        } catch (IOException | IllegalArgumentException | IndexOutOfBoundsException e) {
            outcome.spawnFailed(describeSpawnFailure(e));
            return;
        }
        if (!outcome.spawned(process)) {
            return;
        }
        if (probe.isEmpty()) {
            outcome.healthy();
            return;
        }
        try {
            probeUntilHealthy(process, probe.get(), deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void probeUntilHealthy(Process process, HealthProbe health, long deadline) throws InterruptedException {
        long pause = FIRST_POLL_NANOS;
        while (process.isAlive()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                outcome.timedOut();
                return;
            }
            if (health.healthy(Duration.ofNanos(left))) {
                outcome.healthy();
                return;
            }
            sleepUnlessWoken(Math.min(pause, Math.max(0, deadline - System.nanoTime())));
            pause = Math.min(pause * 2, MAX_POLL_NANOS);
        }
        // exited: the owner's exit watcher reports it with the exit code
    }

    /** Probe at once: the child printed something, or exited. Cheap; called for every output line. */
    void wake() {
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

    private String describeSpawnFailure(Exception e) {
        if (config.cmd().isEmpty()) {
            return "cmd is empty — check cmd of model " + config.id();
        }
        String program = config.cmd().get(0);
        String message = String.valueOf(e.getMessage());
        if (message.contains("error=2,")) {
            return "command not found: " + program + " — check cmd of model " + config.id();
        }
        if (message.contains("error=13,")) {
            return "permission denied running " + program + " — check cmd of model " + config.id();
        }
        return "could not start " + program + ": " + message + " — check cmd of model " + config.id();
    }
}
