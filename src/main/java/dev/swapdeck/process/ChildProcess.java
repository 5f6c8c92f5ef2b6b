package dev.swapdeck.process;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.logging.LogHub;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A model's upstream process (SPEC §3), as the router sees it. Every command is handed to the
 * process's single writer, its {@link ProcessOwner}, and answered by a future; reads return the
 * owner's latest snapshot. Per-state behaviour of each method is documented on {@link ModelProcess}.
 */
public final class ChildProcess implements ModelProcess {
    /** SPEC §3: how long a stopping process gets before SIGKILL. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final ModelConfig config;
    private final ProcessOwner owner;

    /** A process spawned through {@code children}, stopped with the standard grace. */
    public ChildProcess(ModelConfig config, Duration healthCheckTimeout, LogHub logs, Children children) {
        this(config, healthCheckTimeout, STOP_GRACE, logs, children);
    }

    /** As above with a different stop grace, so tests of SIGKILL need not wait five seconds. */
    public ChildProcess(ModelConfig config, Duration healthCheckTimeout, Duration stopGrace, LogHub logs,
                        Children children) {
        this.config = config;
        this.owner = new ProcessOwner(config, healthCheckTimeout, stopGrace, logs, children);
    }

    /** Guarded against outliving the JVM, recorded nowhere (tests and tools that keep no state). */
    public ChildProcess(ModelConfig config, Duration healthCheckTimeout, LogHub logs) {
        this(config, healthCheckTimeout, STOP_GRACE, logs, Children.unrecorded());
    }

    public ChildProcess(ModelConfig config, Duration healthCheckTimeout, Duration stopGrace, LogHub logs) {
        this(config, healthCheckTimeout, stopGrace, logs, Children.unrecorded());
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public ProcessState state() {
        return owner.state();
    }

    @Override
    public ProcessInfo info() {
        return owner.info();
    }

    @Override
    public Optional<String> stopReason() {
        return owner.stopReason();
    }

    @Override
    public Optional<String> exitOf(long generation) {
        return owner.exitOf(generation);
    }

    @Override
    public CompletableFuture<Void> ensureReady() {
        ProcessState now = owner.state();
        if (now == ProcessState.READY) {
            return CompletableFuture.completedFuture(null); // the common case, answered without a hop
        }
        CompletableFuture<Void> answer = new CompletableFuture<>();
        owner.post(() -> owner.ensureReady(answer));
        return answer;
    }

    @Override
    public CompletableFuture<Void> stop(String reason) {
        return stopEndingIn(ProcessState.STOPPED, reason);
    }

    @Override
    public CompletableFuture<Void> shutdown() {
        owner.shutdownAsked();
        return stopEndingIn(ProcessState.SHUTDOWN, "shutting down");
    }

    private CompletableFuture<Void> stopEndingIn(ProcessState end, String reason) {
        if (owner.state() == ProcessState.SHUTDOWN) {
            return CompletableFuture.completedFuture(null); // final: nothing can have changed it
        }
        CompletableFuture<Void> answer = new CompletableFuture<>();
        owner.post(() -> owner.stop(end, reason, answer));
        return answer;
    }
}
