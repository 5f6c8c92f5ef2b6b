package dev.swapdeck.ui;

import dev.swapdeck.activity.ActivityRecord;
import dev.swapdeck.engine.ConfigLoaded;
import dev.swapdeck.event.Event;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.event.EventQueue;
import dev.swapdeck.loading.LoadProgress;
import dev.swapdeck.logging.LogLine;
import dev.swapdeck.logging.LogStream;
import dev.swapdeck.memory.MemoryChanged;
import dev.swapdeck.process.StateChanged;
import dev.swapdeck.routing.ActiveProfileChanged;
import dev.swapdeck.routing.PinProfileChanged;
import dev.swapdeck.routing.InFlightChanged;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;

/**
 * The one path from engine events to the FX thread. It subscribes a single bounded
 * {@link EventQueue} (publishers never wait for the window; overflow is dropped and counted) and
 * drains it once per JavaFX pulse. Per pulse it hands the log lines to the panes as one batch per
 * stream and the ended requests (activity) as one batch, and asks for at most one state refresh,
 * however many state, in-flight, profile, config, memory or load-progress events arrived. It also
 * asks for a refresh once a second with no events, which drives the elapsed, uptime and TTL
 * countdowns. Nothing here calls {@code Platform.runLater}.
 */
public final class FxEventBridge implements AutoCloseable {
    /** Events buffered between two pulses before the newest are dropped. */
    public static final int QUEUE_CAPACITY = 20_000;
    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Receives the bridge's output on the thread that calls {@link #pump} (the FX thread). */
    public interface Sink {
        /** Re-read the engine's state: something changed, or a second passed. */
        void refreshState();

        /** New lines per stream, in arrival order, and how many events were lost since the last call. */
        void logs(List<LogLine> proxy, List<LogLine> upstream, long dropped);

        /** The requests that ended since the last pulse, oldest first; never empty. */
        void activity(List<ActivityRecord> records);
    }

    private final EventQueue queue;
    private final Sink sink;
    private final List<Event> drained = new ArrayList<>();
    private long lastRefresh = Long.MIN_VALUE;
    private AnimationTimer timer;

    /** Subscribes at once, so nothing published after construction is missed. */
    public FxEventBridge(EventBus bus, Sink sink) {
        this.queue = bus.subscribeQueue(QUEUE_CAPACITY, FxEventBridge::wanted);
        this.sink = sink;
    }

    /** Starts draining on every pulse. FX thread. */
    public void start() {
        if (timer == null) {
            timer = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    pump(now);
                }
            };
            timer.start();
        }
    }

    /**
     * One pulse's work: drain everything buffered, deliver logs, refresh state at most once. Runs on
     * the caller's thread; the FX pulse calls it, tests may call it directly.
     */
    public void pump(long nowNanos) {
        drained.clear();
        try {
            queue.drainTo(drained, QUEUE_CAPACITY, 0, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long dropped = queue.takeDropped();
        boolean stateChanged = dropped > 0;
        List<LogLine> proxy = new ArrayList<>();
        List<LogLine> upstream = new ArrayList<>();
        List<ActivityRecord> activity = new ArrayList<>();
        for (Event event : drained) {
            if (event instanceof LogLine line) {
                (line.stream() == LogStream.PROXY ? proxy : upstream).add(line);
            } else if (event instanceof ActivityRecord record) {
                activity.add(record);
            } else {
                stateChanged = true;
            }
        }
        if (!proxy.isEmpty() || !upstream.isEmpty() || dropped > 0) {
            sink.logs(proxy, upstream, dropped);
        }
        if (!activity.isEmpty()) {
            sink.activity(activity);
        }
        if (stateChanged || lastRefresh == Long.MIN_VALUE || nowNanos - lastRefresh >= TICK_NANOS) {
            lastRefresh = nowNanos;
            sink.refreshState();
        }
    }

    /** Stops draining and unsubscribes. */
    @Override
    public void close() {
        if (timer != null) {
            timer.stop();
        }
        queue.close();
    }

    private static boolean wanted(Event event) {
        return event instanceof LogLine || event instanceof StateChanged || event instanceof InFlightChanged
                || event instanceof ActiveProfileChanged || event instanceof PinProfileChanged
                || event instanceof ConfigLoaded || event instanceof MemoryChanged || event instanceof ActivityRecord
                || event instanceof LoadProgress;
    }
}
