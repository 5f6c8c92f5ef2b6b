package dev.swapdeck.proxy;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.process.ModelProcess;
import dev.swapdeck.process.ProcessInfo;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.process.ShuttingDownException;
import dev.swapdeck.process.StateChanged;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link ModelProcess} for an upstream that is already running (a demo upstream the test started):
 * "starting" it is instant and stopping only changes the state. Lets the proxy run end to end over the
 * real router without depending on how child processes are spawned.
 */
final class AttachedProcess implements ModelProcess {
    private final ModelConfig config;
    private final EventBus bus;
    private ProcessState state = ProcessState.STOPPED;

    AttachedProcess(ModelConfig config, EventBus bus) {
        this.config = config;
        this.bus = bus;
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public synchronized ProcessState state() {
        return state;
    }

    @Override
    public synchronized ProcessInfo info() {
        return new ProcessInfo(state, OptionalLong.empty(), Instant.now(), Optional.empty(), Optional.empty());
    }

    @Override
    public synchronized CompletableFuture<Void> ensureReady() {
        if (state == ProcessState.SHUTDOWN) {
            return CompletableFuture.failedFuture(new ShuttingDownException("shut down"));
        }
        if (state != ProcessState.READY) {
            move(ProcessState.STARTING);
            move(ProcessState.READY);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletableFuture<Void> stop(String reason) {
        if (state == ProcessState.READY) {
            move(ProcessState.STOPPING);
            move(ProcessState.STOPPED);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletableFuture<Void> shutdown() {
        if (state != ProcessState.SHUTDOWN) {
            move(ProcessState.SHUTDOWN);
        }
        return CompletableFuture.completedFuture(null);
    }

    private void move(ProcessState next) {
        ProcessState from = state;
        state = next;
        bus.publish(new StateChanged(config.id(), from, next, Instant.now(), "test"));
    }
}
