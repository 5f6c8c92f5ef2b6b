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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;

/**
 * The one path from engine events to the FX thread. It subscribes a single bounded
 * {@link EventQueue} (publishers never wait for the window; overflow is dropped and counted) and
 * drains it once per JavaFX pulse. What it drained is handed on at a pace the window can draw: log
 * lines at most every {@link #LOG_INTERVAL_NANOS} (one batch per stream; every
 * {@link #SLOW_INTERVAL_NANOS} while a flood fills each batch), ended requests at most every
 * {@link #SLOW_INTERVAL_NANOS}, and a state refresh at once for a change of state, config, profile,
 * memory or load progress but at most every {@link #SLOW_INTERVAL_NANOS} for in-flight counts alone
 * (busy clients change them hundreds of times a second). Of logs, requests and in-flight refreshes one
 * pulse delivers one at most, as each costs the next layout pass several milliseconds under a flood.
 * After a quiet spell the first of each goes out on the next pulse, so the pace only shows under
 * sustained traffic. It also asks for a refresh
 * once a second with no events, which drives the elapsed, uptime and TTL countdowns. Nothing here
 * calls {@code Platform.runLater}.
 */
public final class FxEventBridge implements AutoCloseable {
    /** Events buffered between two pulses, and lines or requests held between two deliveries, before the newest are dropped. */
    public static final int QUEUE_CAPACITY = 20_000;
    /** The shortest time between two deliveries of log lines: ten a second still reads as live. */
    public static final long LOG_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** The shortest time between two deliveries of ended requests, or of refreshes for in-flight counts alone. */
    public static final long SLOW_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** A delivery of this many lines or more means a flood: the next waits {@link #SLOW_INTERVAL_NANOS}. */
    public static final int FLOOD_LINES = 250;
    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Receives the bridge's output on the thread that calls {@link #pump} (the FX thread). */
    public interface Sink {
        /** Re-read the engine's state: something changed, or a second passed. */
        void refreshState();

        /** New lines per stream, in arrival order, and how many events were lost since the last call. */
        void logs(List<LogLine> proxy, List<LogLine> upstream, long dropped);

        /** The requests that ended since the last call, oldest first; never empty. */
        void activity(List<ActivityRecord> records);
    }

    private final EventQueue queue;
    private final Sink sink;
    private final List<Event> drained = new ArrayList<>();
    private final Held<LogLine> proxy = new Held<>();
    private final Held<LogLine> upstream = new Held<>();
    private final Held<ActivityRecord> activity = new Held<>();
    private long dropped;
    private boolean flooding;
    private boolean stateChanged;
    private boolean inFlightChanged;
    private long lastRefresh = Long.MIN_VALUE;
    private long lastLogs = Long.MIN_VALUE;
    private long lastActivity = Long.MIN_VALUE;
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
     * One pulse's work: drain everything buffered, then deliver what is due. Runs on the caller's
     * thread; the FX pulse calls it, tests may call it directly with a clock of their own.
     */
    public void pump(long nowNanos) {
        drained.clear();
        try {
            queue.drainTo(drained, QUEUE_CAPACITY, 0, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long lost = queue.takeDropped();
        for (Event event : drained) {
            if (event instanceof LogLine line) {
                lost += (line.stream() == LogStream.PROXY ? proxy : upstream).add(line);
            } else if (event instanceof ActivityRecord record) {
                lost += activity.add(record);
            } else if (event instanceof InFlightChanged) {
                inFlightChanged = true;
            } else {
                stateChanged = true;
            }
        }
        dropped += lost;
        // a drop may have hidden a state event, so state is re-read
        stateChanged |= lost > 0;
        // at most one delivery that makes the window re-draw much per pulse, so their layouts never add up
        if ((!proxy.isEmpty() || !upstream.isEmpty() || dropped > 0)
                && due(nowNanos, lastLogs, flooding ? SLOW_INTERVAL_NANOS : LOG_INTERVAL_NANOS)) {
            lastLogs = nowNanos;
            flooding = proxy.size() + upstream.size() >= FLOOD_LINES;
            sink.logs(proxy.take(), upstream.take(), dropped);
            dropped = 0;
        } else if (!activity.isEmpty() && due(nowNanos, lastActivity, SLOW_INTERVAL_NANOS)) {
            lastActivity = nowNanos;
            sink.activity(activity.take());
        } else if (inFlightChanged && due(nowNanos, lastRefresh, SLOW_INTERVAL_NANOS)) {
            stateChanged = true;
        }
        if (stateChanged || due(nowNanos, lastRefresh, TICK_NANOS)) {
            lastRefresh = nowNanos;
            stateChanged = false;
            inFlightChanged = false;
            sink.refreshState();
        }
    }

    private static boolean due(long now, long last, long interval) {
        return last == Long.MIN_VALUE || now - last >= interval;
    }

    /** Stops draining and unsubscribes. */
    @Override
    public void close() {
        if (timer != null) {
            timer.stop();
        }
        queue.close();
    }

    /** Items drained but not yet delivered, at most {@link #QUEUE_CAPACITY}; the oldest give way. */
    private static final class Held<T> {
        private final ArrayDeque<T> items = new ArrayDeque<>();

        /** Holds {@code item}; answers how many older items were dropped to make room. */
        int add(T item) {
            items.addLast(item);
            if (items.size() > QUEUE_CAPACITY) {
                items.removeFirst();
                return 1;
            }
            return 0;
        }

        boolean isEmpty() {
            return items.isEmpty();
        }

        int size() {
            return items.size();
        }

        List<T> take() {
            List<T> out = new ArrayList<>(items);
            items.clear();
            return out;
        }
    }

    private static boolean wanted(Event event) {
        return event instanceof LogLine || event instanceof StateChanged || event instanceof InFlightChanged
                || event instanceof ActiveProfileChanged || event instanceof PinProfileChanged
                || event instanceof ConfigLoaded || event instanceof MemoryChanged || event instanceof ActivityRecord
                || event instanceof LoadProgress;
    }
}
