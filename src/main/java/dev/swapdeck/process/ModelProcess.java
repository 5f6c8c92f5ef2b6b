package dev.swapdeck.process;

import dev.swapdeck.config.ModelConfig;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The one owner of a model's upstream process and its {@link ProcessState}. All state moves happen
 * inside the implementation, on its single writer thread, in the order the commands arrived; callers
 * ask, they never check-then-act. Every move is published as a {@link StateChanged}. Methods never
 * block the caller; they return futures, which may complete on the process's own thread (their
 * continuations must not block). {@link #state()} and {@link #info()} return the latest snapshot.
 */
public interface ModelProcess {

    ModelConfig config();

    default String id() {
        return config().id();
    }

    ProcessState state();

    /** A consistent snapshot of the runtime facts the window and the API show. */
    ProcessInfo info();

    /**
     * Makes the process ready.
     * <ul>
     *   <li>stopped: spawns the command and probes health; the future completes when healthy</li>
     *   <li>starting: the future of the start already under way (one start serves every caller)</li>
     *   <li>ready: an already completed future</li>
     *   <li>stopping: starts again once the stop has finished</li>
     *   <li>shutdown: a future failed with {@link ShuttingDownException}</li>
     * </ul>
     * A start fails with {@link StartFailedException} (command not found, exited with code N,
     * health check timed out, interrupted by a stop) and leaves the process stopped.
     */
    CompletableFuture<Void> ensureReady();

    /**
     * Stops the process: {@code cmdStop} if configured, else SIGTERM to it and its descendants,
     * SIGKILL to all of them after the grace period. A start under way is interrupted at once.
     * Completes when the process and its descendants are gone; already stopped completes at once.
     */
    CompletableFuture<Void> stop(String reason);

    /** Like {@link #stop} but ends in the final {@code shutdown} state; later starts are refused. */
    CompletableFuture<Void> shutdown();

    /**
     * Why the process was asked to stop ({@code unloaded}, its ttl, a shutdown), from the moment it
     * starts stopping until its next start; empty while it runs, and when it exited on its own.
     */
    default Optional<String> stopReason() {
        return Optional.empty();
    }

    /**
     * How the run of this {@link ProcessInfo#generation() generation} ended on its own ({@code exited
     * with code 137 (SIGKILL); last output: ...}), once seen; empty while it runs, when it was asked to
     * stop, and once a later run has exited too. Kept while the model starts again, since the requests
     * that run was serving learn of its end after the first of them has started the next.
     */
    default Optional<String> exitOf(long generation) {
        return Optional.empty();
    }
}
