package dev.swapdeck.engine;

import dev.swapdeck.config.PortHints;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.process.Threads;
import dev.swapdeck.routing.Handover;
import dev.swapdeck.routing.ReloadWaiting;
import dev.swapdeck.routing.Upstreams;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The engine's reloads, one after another: each reads its file off its caller's thread, hands the
 * models whose settings did not change over to the next router, waits for the others' requests in
 * flight to end, then has the engine build and install that router ({@link Handover}). Each retires
 * the router the one before installed, so no router (and no process it started) is left unretired.
 * Also what a router's requests see of them ({@link ReloadWaiting}).
 */
final class Reloads implements ReloadWaiting.Reloads {
    /** Where a reload runs: off its caller's thread (see {@link #reload(Path)}), on a named one. */
    private static final Executor RELOADS = Threads.eachOnItsOwn("swapdeck-reload");

    private final SwapdeckEngine engine;
    private final ConfigSource source;
    private final LogHub logs;
    /** The last reload asked for; the next one starts after it. Guarded by this. */
    private CompletableFuture<?> last = CompletableFuture.completedFuture(null);
    /** The configuration the reload under way hands over to, from its acceptance until it is installed. */
    private volatile Optional<SwapdeckConfig> coming = Optional.empty();

    Reloads(SwapdeckEngine engine, ConfigSource source, LogHub logs) {
        this.engine = engine;
        this.source = source;
        this.logs = logs;
    }

    /**
     * Queues a reload of {@code file} after the last one. It runs on another thread than its caller's:
     * it must not begin before it is the reload {@link #underWay()} names, or the requests its
     * hand-over refuses would wait for the one before, long done.
     */
    synchronized CompletableFuture<SwapdeckConfig> reload(Path file) {
        CompletableFuture<?> before = last.handle((previous, error) -> null);
        boolean first = before.isDone();
        // Read at once: a file with errors is refused now, not after the reload before it, which may
        // wait minutes for a long answer to end. Behind another reload, a valid file is read again when
        // its turn comes (the ports it keeps are those of the configuration then in force).
        // Each step on a reload thread, never on this caller's, which holds this lock: a hand-over run here
        // would fail requests whose continuations ask underWay() before it names this reload.
        CompletableFuture<SwapdeckConfig> next = CompletableFuture.supplyAsync(() -> load(file), RELOADS)
                .thenComposeAsync(read -> first ? handOver(read)
                        : before.thenApplyAsync(v -> load(file), RELOADS).thenCompose(this::handOver), RELOADS);
        last = next.handle((installed, error) -> null).thenCompose(v -> before);
        return next;
    }

    @Override
    public synchronized CompletableFuture<?> underWay() {
        return last.handle((installed, error) -> null);
    }

    @Override
    public Upstreams latest() {
        return engine.upstreams();
    }

    @Override
    public Optional<SwapdeckConfig> coming() {
        return coming;
    }

    @Override
    public boolean shuttingDown() {
        return engine.isShuttingDown();
    }

    /** {@code file}'s configuration, or the reload's failure, logged and published as a rejection. */
    private SwapdeckConfig load(Path file) {
        try {
            return source.load(file, PortHints.of(engine.config()));
        } catch (Exception e) {
            // one log line per problem: a line break inside a log line is shown escaped, as \n
            logs.error("configuration " + file + " rejected; keeping the one in force:");
            String.valueOf(e.getMessage()).lines().forEach(logs::error);
            engine.rejected(file, e);
            throw new CompletionException(e);
        }
    }

    /** Hands the models {@code next} keeps over, waits for the others' requests to end, installs it. */
    private CompletableFuture<SwapdeckConfig> handOver(SwapdeckConfig next) {
        Handover handover = engine.beginHandover(next);
        coming = Optional.of(next);
        if (!handover.waitingFor().isEmpty()) {
            logs.info("reload waits for the requests in flight on " + ReloadSummary.counted(handover.waitingFor())
                    + " to end before it stops those models");
        }
        // on the reload's own thread, not on the thread whose stop completed the hand-over
        return handover.dropped().thenApplyAsync(v -> {
            engine.sampleMemoryFirst(next);
            return engine.installReloaded(next, handover);
        }, RELOADS)
                .whenComplete((installed, failed) -> coming = Optional.empty());
    }
}
