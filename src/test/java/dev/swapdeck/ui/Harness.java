package dev.swapdeck.ui;

import dev.swapdeck.activity.ActivityRecord;
import dev.swapdeck.engine.Engine;
import dev.swapdeck.logging.LogLine;
import dev.swapdeck.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Drives view-models as the window does, without a display: the test thread plays the FX thread.
 * {@link #fx} queues command completions; {@link #pump} runs them, then one bridge pulse, which
 * applies a fresh engine snapshot when state events arrived.
 */
public final class Harness implements AutoCloseable {
    private final Queue<Runnable> fxQueue = new ConcurrentLinkedQueue<>();
    public final Executor fx = fxQueue::add;
    private final FxEventBridge bridge;

    public Harness(Engine engine, Consumer<EngineSnapshot> viewModels) {
        this.bridge = new FxEventBridge(engine.events(), new FxEventBridge.Sink() {
            @Override
            public void refreshState() {
                viewModels.accept(EngineSnapshot.of(engine));
            }

            @Override
            public void logs(List<LogLine> proxy, List<LogLine> upstream, long proxyDropped, long upstreamDropped) {
                // the log panes have their own tests
            }

            @Override
            public void activity(List<ActivityRecord> records) {
                // the activity view-model has its own tests
            }
        });
    }

    /** One FX-thread turn: queued completions, then one bridge pulse. */
    public void pump() {
        for (Runnable task; (task = fxQueue.poll()) != null; ) {
            task.run();
        }
        bridge.pump(System.nanoTime());
    }

    /** Pumps until {@code condition} holds (20 s at most). */
    public void until(String what, BooleanSupplier condition) {
        Await.until(what, Duration.ofSeconds(20), () -> {
            pump();
            return condition.getAsBoolean();
        });
    }

    @Override
    public void close() {
        bridge.close();
    }
}
