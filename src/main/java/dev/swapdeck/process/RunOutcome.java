package dev.swapdeck.process;

import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.security.Secrets;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Applies what one {@link Run} reports (from its starter thread and its exit watcher) to the owner's
 * state. Every report first checks, under the owner's lock, that its run is still the current one in
 * the state the report is about: a late report from an old child, or one that lost a race with a stop,
 * is dropped. Futures are completed after the lock is released.
 */
final class RunOutcome implements StartAttempt.Outcome {
    private static final long FIRST_LOOK_MILLIS = 250;
    private static final long LAST_LOOK_MILLIS = 5000;
    private static final Duration OUTPUT_SETTLE = Duration.ofMillis(300);

    private final ChildProcess owner;
    private final Run run;
    private final String id;

    RunOutcome(ChildProcess owner, Run run) {
        this.owner = owner;
        this.run = run;
        this.id = owner.id();
    }

    @Override
    public boolean spawned(Process process) {
        synchronized (owner.lock()) {
            run.process = process;
            run.startedAt = Instant.now();
            closeInput(process);
            // Always drained and watched, even when a stop is already under way: its output matters.
            Family family = new Family(process.toHandle());
            run.family = family;
            run.pump = OutputPump.start("swapdeck-out-" + id, process.getInputStream(), id, owner.logs(),
                    run.attempt::wake);
            Threads.daemon("swapdeck-exit-" + id, () -> {
                watch(process, family);
                exited(process);
            }).start();
            owner.logs().log(LogLevel.INFO, id, "spawned pid " + process.pid() + ": "
                    + Secrets.commandLine(owner.config().cmd()));
            return owner.isCurrent(run, ProcessState.STARTING);
        }
    }

    /** Upstreams get no input, as under llama-swap: a child reading stdin sees its end at once. */
    private static void closeInput(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the child is already gone; its exit is reported by the watcher
        }
    }

    @Override
    public void spawnFailed(String message) {
        synchronized (owner.lock()) {
            if (!owner.isCurrent(run, ProcessState.STARTING)) {
                return;
            }
            owner.fail(message);
            owner.transition(ProcessState.STARTING, ProcessState.STOPPED, message);
        }
        run.gone.complete(null);
        run.ready.completeExceptionally(new StartFailedException(id, message));
    }

    @Override
    public void healthy() {
        synchronized (owner.lock()) {
            if (!owner.isCurrent(run, ProcessState.STARTING)) {
                return;
            }
            long millis = Duration.between(run.startedAt, Instant.now()).toMillis();
            owner.transition(ProcessState.STARTING, ProcessState.READY, "healthy " + millis + " ms after spawn");
        }
        run.ready.complete(null);
    }

    /** The child is stopped first; the start fails once it is gone (see {@link Run#failure}). */
    @Override
    public void timedOut() {
        synchronized (owner.lock()) {
            if (!owner.isCurrent(run, ProcessState.STARTING)) {
                return;
            }
            String message = "health check timed out after " + Threads.describe(owner.healthCheckTimeout())
                    + " (no 200 from " + owner.config().checkEndpoint().orElse("") + "); "
                    + run.pump.tail().describe();
            owner.fail(message);
            run.failure = new StartFailedException(id, message);
            owner.beginStop(run, ProcessState.STARTING, message, ProcessState.STOPPED);
        }
    }

    /**
     * Waits for the child to exit, noting its descendants meanwhile: often at first, when servers
     * fork their workers, then every few seconds (each look scans every process on the machine).
     */
    private static void watch(Process process, Family family) {
        boolean interrupted = false;
        long pause = FIRST_LOOK_MILLIS;
        family.look();
        while (process.isAlive()) {
            try {
                process.waitFor(pause, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted = true; // keep watching: exited() needs the child to be gone
            }
            family.look();
            pause = Math.min(pause * 2, LAST_LOOK_MILLIS);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** On the exit watcher thread: a child that exits on its own during start or while ready. */
    private void exited(Process process) {
        run.pump.awaitEnd(OUTPUT_SETTLE);
        String lastOutput = run.pump.tail().describe();
        StartFailedException failure = null;
        synchronized (owner.lock()) {
            ProcessState state = owner.currentState();
            boolean onItsOwn = state == ProcessState.STARTING || state == ProcessState.READY;
            if (!onItsOwn || !owner.isCurrent(run, state)) {
                return; // a stop is under way (it reports the exit) or this run is over
            }
            // its last output may quote a key: masked here, the message reaches clients too
            String message = owner.logs().redact("exited with code " + process.exitValue()
                    + (state == ProcessState.STARTING ? " during start; " : "; ") + lastOutput);
            owner.fail(message);
            owner.transition(state, ProcessState.STOPPED, message);
            if (state == ProcessState.STARTING) {
                run.starter.interrupt();
                failure = new StartFailedException(id, message);
            }
        }
        killLeftovers(run, owner);
        run.gone.complete(null);
        if (failure != null) {
            run.ready.completeExceptionally(failure);
        }
    }

    /** After a run ends: whatever its child left running is killed, and the proxy log says so. */
    static void killLeftovers(Run run, ChildProcess owner) {
        Family family;
        synchronized (owner.lock()) {
            family = run.family;
        }
        if (family == null) {
            return;
        }
        List<ProcessHandle> killed = family.killSurvivors();
        if (!killed.isEmpty()) {
            owner.logs().log(LogLevel.WARN, owner.id(), "killed " + killed.size() + " process(es) the server left"
                    + " running: " + killed.stream().map(h -> Long.toString(h.pid())).collect(Collectors.joining(", ")));
        }
    }
}
