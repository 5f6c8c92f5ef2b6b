package dev.swapdeck.process;

import dev.swapdeck.logging.LogHub;
import dev.swapdeck.logging.LogLevel;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One process's state and its last error, and the only place the state changes: {@link #transition}
 * is a compare-and-set against {@code from}, checked against {@link ProcessState#canMoveTo}; a refused
 * move is logged and changes nothing; an accepted one is logged and published as a
 * {@link StateChanged}. Used only by the process's owner ({@link ProcessOwner}, on its mailbox
 * thread); the fields are volatile so that readers on other threads see a recent value.
 */
final class Lifecycle {
    private final String model;
    private final LogHub logs;
    private volatile ProcessState state = ProcessState.STOPPED;
    private volatile Instant since = Instant.now();
    private volatile long sinceNanos = System.nanoTime();
    private volatile Optional<String> lastError = Optional.empty();
    private volatile OptionalInt exitCode = OptionalInt.empty();
    private volatile Optional<String> stopReason = Optional.empty();
    /** The last run that exited on its own, kept across later starts for the requests it was serving. */
    private volatile RunExit lastExit;
    private Runnable beforePublish = () -> { };

    Lifecycle(String model, LogHub logs) {
        this.model = model;
        this.logs = logs;
    }

    /** Runs after each accepted move and before it is published (the owner refreshes its snapshot). */
    void beforePublish(Runnable action) {
        this.beforePublish = action;
    }

    ProcessState state() {
        return state;
    }

    Instant since() {
        return since;
    }

    /** {@link #since} on {@link System#nanoTime}'s scale, for durations a wall-clock jump leaves alone. */
    long sinceNanos() {
        return sinceNanos;
    }

    Optional<String> lastError() {
        return lastError;
    }

    /** The code of a process that failed by exiting on its own, kept with {@code lastError}. */
    OptionalInt exitCode() {
        return exitCode;
    }

    /** Why it was last asked to stop, until the next start (see {@link ModelProcess#stopReason}). */
    Optional<String> stopReason() {
        return stopReason;
    }

    boolean transition(ProcessState from, ProcessState to, String reason) {
        ProcessState now = state;
        if (now != from || !from.canMoveTo(to)) {
            logs.log(LogLevel.WARN, model, "refused state change " + from.label() + " → " + to.label()
                    + " (state is " + now.label() + "): " + reason);
            return false;
        }
        Instant at = Instant.now();
        long nanos = System.nanoTime();
        since = at;
        sinceNanos = nanos;
        if (to == ProcessState.STOPPING) {
            stopReason = Optional.of(reason);
        } else if (to == ProcessState.STARTING) {
            stopReason = Optional.empty();
        }
        state = to;
        beforePublish.run();
        // a model that never ran leaving at shutdown is no news: one such line per model would bury the shutdown's own
        LogLevel level = from == ProcessState.STOPPED && to == ProcessState.SHUTDOWN ? LogLevel.DEBUG : LogLevel.INFO;
        boolean failed = to == ProcessState.STOPPED && lastError.isPresent();
        // as the window's badge and /api/models say it: "failed" is a stopped model whose run failed
        logs.log(level, model, from.label() + " → " + to.label() + (failed ? " (failed)" : "") + ": " + reason);
        logs.bus().publish(new StateChanged(model, from, to, at, nanos, reason, failed, failed ? exitCode : OptionalInt.empty()));
        return true;
    }

    /** Records a failure: proxy log, and {@code lastError} (secrets masked) until the next start. */
    void fail(String message) {
        fail(message, OptionalInt.empty());
    }

    /** A failure of a process that exited on its own with {@code code}. */
    void fail(String message, OptionalInt code) {
        lastError = Optional.of(logs.redact(message));
        exitCode = code;
        logs.log(LogLevel.ERROR, model, message);
    }

    /**
     * Run {@code generation}, which exited on its own ({@link #fail(String, OptionalInt)}), is now
     * stopped: its end is kept as {@code lastError} says it. Only after the move to stopped, so a
     * request told of the exit is routed to a model that starts again, not to the dead one still
     * marked ready.
     */
    void ended(long generation) {
        lastExit = new RunExit(generation, lastError.orElseThrow());
    }

    /** How run {@code generation} ended on its own, if it was the last to, whatever started since. */
    Optional<String> exitOf(long generation) {
        RunExit exit = lastExit;
        return exit != null && exit.generation() == generation ? Optional.of(exit.how()) : Optional.empty();
    }

    private record RunExit(long generation, String how) {
    }

    void clearError() {
        lastError = Optional.empty();
        exitCode = OptionalInt.empty();
    }
}
