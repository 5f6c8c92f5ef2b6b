package dev.swapdeck.process;

import java.util.concurrent.CompletableFuture;

/**
 * One start of the child and everything that follows until it is gone again. Reports carry their
 * run, so a late report from an old child (its exit, a slow probe) is told apart and ignored. Every
 * field is read and written only by the owner, on its mailbox thread.
 */
final class Run {
    /** Completes when ready; fails when the start fails. Shared by every caller of ensureReady. */
    final CompletableFuture<Void> ready = new CompletableFuture<>();
    /** Completes when the child and its descendants are gone (or were never spawned). */
    final CompletableFuture<Void> gone = new CompletableFuture<>();

    Thread starter;
    Lifeline.Spawned child;
    OutputPump pump;
    /** The spawn is over, one way or the other: a child exists, or none ever will. */
    boolean spawnSettled;
    /** Its stop has been handed to a stopper thread. */
    boolean stopperStarted;
    /** Where the stop ends: {@code stopped}, or {@code shutdown} once shutdown was asked for. */
    ProcessState end = ProcessState.STOPPED;
    /** How the start failed, when the failure is reported only once the child is stopped. */
    StartFailedException failure;
}
