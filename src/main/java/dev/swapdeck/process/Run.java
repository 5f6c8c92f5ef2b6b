package dev.swapdeck.process;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One start of the child and everything that follows until it is gone again. A new {@code Run} per
 * start lets late signals from an old child (its exit, a slow probe) be told apart and ignored.
 * Mutable fields are guarded by the owning {@link ChildProcess}'s lock.
 */
final class Run {
    /** Completes when ready; fails when the start fails. Shared by every caller of ensureReady. */
    final CompletableFuture<Void> ready = new CompletableFuture<>();
    /** Completes when the child and its descendants are gone (or were never spawned). */
    final CompletableFuture<Void> gone = new CompletableFuture<>();

    StartAttempt attempt;
    Thread starter;
    Process process;
    OutputPump pump;
    /** The child's descendants as they were seen, killed if they outlive it. */
    Family family;
    Instant startedAt;
    /** Where the stop ends: {@code stopped}, or {@code shutdown} once shutdown was asked for. */
    ProcessState end = ProcessState.STOPPED;
    /** How the start failed, when the failure is reported only once the child is stopped. */
    StartFailedException failure;
}
