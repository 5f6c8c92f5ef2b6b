package dev.swapdeck.routing;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.process.ModelProcess;
import dev.swapdeck.process.ProcessInfo;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.process.ShuttingDownException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * A process double whose starts and stops complete only when the test says so, so the router's
 * queueing can be checked step by step without threads or timing.
 */
final class ScriptedProcess implements ModelProcess {
    private final ModelConfig config;
    private ProcessState state = ProcessState.STOPPED;
    private CompletableFuture<Void> start;
    private CompletableFuture<Void> stop;
    /** Stops asked for are seen only once {@link #takeStop} runs, as a real process's owner takes them on its own thread. */
    private boolean deferredStops;
    private boolean stopAsked;
    volatile int starts;
    volatile int stops;

    ScriptedProcess(ModelConfig config) {
        this.config = config;
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public synchronized ProcessState state() {
        return state;
    }

    /** Each start is spawned a minute earlier by the wall clock than the one before it, as after the clock went back. */
    @Override
    public synchronized ProcessInfo info() {
        boolean running = state == ProcessState.STARTING || state == ProcessState.READY;
        return new ProcessInfo(state, OptionalLong.empty(), Instant.now(), System.nanoTime(),
                running ? Optional.of(Instant.EPOCH.minusSeconds(60L * starts)) : Optional.empty(), 0, running ? starts : 0,
                Optional.empty(), state == ProcessState.READY, OptionalInt.empty());
    }

    @Override
    public synchronized CompletableFuture<Void> ensureReady() {
        switch (state) {
            case READY:
                return CompletableFuture.completedFuture(null);
            case SHUTDOWN:
                return CompletableFuture.failedFuture(new ShuttingDownException("shut down"));
            case STARTING:
                return start;
            default:
                state = ProcessState.STARTING;
                starts++;
                start = new CompletableFuture<>();
                return start;
        }
    }

    /** Finishes the start under way successfully. */
    void becomeReady() {
        CompletableFuture<Void> pending;
        synchronized (this) {
            state = ProcessState.READY;
            pending = start;
        }
        pending.complete(null);
    }

    void failStart(RuntimeException error) {
        CompletableFuture<Void> pending;
        synchronized (this) {
            state = ProcessState.STOPPED;
            pending = start;
        }
        pending.completeExceptionally(error);
    }

    @Override
    public synchronized CompletableFuture<Void> stop(String reason) {
        if (state == ProcessState.STOPPED || state == ProcessState.SHUTDOWN) {
            return CompletableFuture.completedFuture(null);
        }
        if (state != ProcessState.STOPPING && !stopAsked) {
            stops++;
            stop = new CompletableFuture<>();
            stopAsked = true;
            if (!deferredStops) {
                takeStop();
            }
        }
        return stop;
    }

    /** From now on a stop asked for leaves the process as it is until {@link #takeStop}. */
    synchronized void deferStops() {
        deferredStops = true;
    }

    /** The owner takes up the stop asked for: the process is stopping. */
    synchronized void takeStop() {
        stopAsked = false;
        state = ProcessState.STOPPING;
    }

    /** Finishes the stop under way. */
    void stopped() {
        CompletableFuture<Void> pending;
        synchronized (this) {
            state = ProcessState.STOPPED;
            pending = stop;
        }
        pending.complete(null);
    }

    /** The process exits on its own (a crash, a kill): stopped, with no stop asked for. */
    synchronized void died() {
        state = ProcessState.STOPPED;
    }

    @Override
    public synchronized CompletableFuture<Void> shutdown() {
        state = ProcessState.SHUTDOWN;
        return CompletableFuture.completedFuture(null);
    }
}
