package dev.swapdeck.ui;

import dev.swapdeck.activity.ActivityRecord;
import dev.swapdeck.engine.ConfigLoaded;
import dev.swapdeck.engine.ConfigRejected;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * The one path from engine events to the FX thread. It subscribes a single bounded
 * {@link EventQueue} (publishers never wait for the window; overflow is dropped and counted) and
 * drains it once per JavaFX pulse. What it drained is handed on at a pace the window can draw: log
 * lines at most every {@link #LOG_INTERVAL_NANOS} (one batch per stream; every
 * {@link #SLOW_INTERVAL_NANOS} while a flood fills each batch), ended requests at most every
 * {@link #SLOW_INTERVAL_NANOS}, and a state refresh at once for a change of state, config (or a refused one), profile,
 * memory or load progress but at most every {@link #SLOW_INTERVAL_NANOS} for in-flight counts alone
 * (busy clients change them hundreds of times a second). Of logs, requests and in-flight refreshes one
 * pulse delivers one at most, as each costs the next layout pass several milliseconds under a flood.
 * After a quiet spell the first of each goes out on the next pulse, so the pace only shows under
 * sustained traffic. It also asks for a refresh
 * once a second with no events, which drives the elapsed, uptime and TTL countdowns.
 * <p>
 * A window left open all day should not work while nothing happens, and a running
 * {@link AnimationTimer} keeps JavaFX pulsing sixty times a second. After {@link #QUIET_PULSES}
 * pulses with nothing drained or held the timer stops; the first event into the empty queue, or the
 * once-a-second tick, starts it again with one {@code Platform.runLater}. That is the only
 * {@code runLater} here: once per wake-up, never per event. (Measured side by side, two idle
 * windows: 0.93 % of a core against 1.15 % with the timer always running; what is left is mostly
 * the once-a-second refresh itself.)
 */
public final class FxEventBridge implements AutoCloseable {
    /** Events buffered between two pulses, and lines or requests held between two deliveries, before the newest are dropped. */
    public static final int QUEUE_CAPACITY = 20_000;
    /** As {@link #QUEUE_CAPACITY}, by what they hold ({@link Event#weight}): 20,000 lines of 8 KB would be 160 MB. */
    public static final long QUEUE_BYTES = 8L * 1024 * 1024;
    /** The kinds of events the queue counts its drops by: each log pane is told of its own. */
    private static final int PROXY_LINE = 0;
    private static final int UPSTREAM_LINE = 1;
    private static final int OTHER = 2;
    /** The shortest time between two deliveries of log lines: ten a second still reads as live. */
    public static final long LOG_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** The shortest time between two deliveries of ended requests, or of refreshes for in-flight counts alone. */
    public static final long SLOW_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** A delivery of this many lines or more means a flood: the next waits {@link #SLOW_INTERVAL_NANOS}. */
    public static final int FLOOD_LINES = 250;
    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Pulses in a row with nothing to do before the timer stops. */
    static final int QUIET_PULSES = 3;

    /** Receives the bridge's output on the thread that calls {@link #pump} (the FX thread). */
    public interface Sink {
        /** Re-read the engine's state: something changed, or a second passed. */
        void refreshState();

        /** New lines per stream, in arrival order, and how many lines of each stream were lost since the last call. */
        void logs(List<LogLine> proxy, List<LogLine> upstream, long proxyDropped, long upstreamDropped);

        /** The requests that ended since the last call, oldest first; never empty. */
        void activity(List<ActivityRecord> records);
    }

    private final EventQueue queue;
    private final Sink sink;
    private final List<Event> drained = new ArrayList<>();
    private final Held<LogLine> proxy = new Held<>();
    private final Held<LogLine> upstream = new Held<>();
    private final Held<ActivityRecord> activity = new Held<>();
    private long proxyDropped;
    private long upstreamDropped;
    private boolean flooding;
    private boolean stateChanged;
    private boolean inFlightChanged;
    private long lastRefresh = Long.MIN_VALUE;
    private long lastLogs = Long.MIN_VALUE;
    private long lastActivity = Long.MIN_VALUE;
    private AnimationTimer timer;
    private ScheduledExecutorService ticker;
    private int quietPulses;
    /** The timer is stopped until an event or the tick wakes it. Set on the FX thread, cleared by any. */
    private final AtomicBoolean sleeping = new AtomicBoolean();
    /** The tick woke the timer: the next pulse refreshes the countdowns even a little before a second. */
    private boolean tickWoke;

    /** Subscribes at once, so nothing published after construction is missed. */
    public FxEventBridge(EventBus bus, Sink sink) {
        this.queue = bus.subscribeQueue(QUEUE_CAPACITY, QUEUE_BYTES, FxEventBridge::wanted, 3, FxEventBridge::kind);
        this.sink = sink;
        queue.onFirstArrival(() -> wake(false));
    }

    /** Starts draining on every pulse, and the tick that wakes a sleeping timer once a second. FX thread. */
    public void start() {
        if (timer == null) {
            timer = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    pump(now);
                    sleepIfQuiet();
                }
            };
            timer.start();
            ticker = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "swapdeck-ui-tick");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleWithFixedDelay(() -> wake(true), 1, 1, TimeUnit.SECONDS);
        }
    }

    /** Whether the pulses have stopped for lack of work (for tests). */
    boolean sleeping() {
        return sleeping.get();
    }

    /** Any thread: restarts a sleeping timer; at most one {@code runLater} per wake-up. */
    private void wake(boolean byTick) {
        if (sleeping.compareAndSet(true, false)) {
            Platform.runLater(() -> {
                if (!queue.isClosed()) {
                    tickWoke |= byTick;
                    timer.start();
                }
            });
        }
    }

    /** FX thread, after a pulse's work: stops the timer once several pulses in a row found nothing to do. */
    private void sleepIfQuiet() {
        boolean quiet = drained.isEmpty() && proxy.isEmpty() && upstream.isEmpty() && activity.isEmpty()
                && proxyDropped == 0 && upstreamDropped == 0 && !stateChanged && !inFlightChanged;
        quietPulses = quiet ? quietPulses + 1 : 0;
        if (quietPulses < QUIET_PULSES) {
            return;
        }
        quietPulses = 0;
        timer.stop();
        sleeping.set(true);
        if (!queue.isEmpty()) {
            wake(false); // it came before the flag was up, so its own arrival woke nothing
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
        proxyDropped += queue.takeDropped(PROXY_LINE);
        upstreamDropped += queue.takeDropped(UPSTREAM_LINE);
        long lost = queue.takeDropped(OTHER);
        for (Event event : drained) {
            if (event instanceof LogLine line && line.stream() == LogStream.PROXY) {
                proxyDropped += proxy.add(line);
            } else if (event instanceof LogLine line) {
                upstreamDropped += upstream.add(line);
            } else if (event instanceof ActivityRecord record) {
                lost += activity.add(record);
            } else if (event instanceof InFlightChanged) {
                inFlightChanged = true;
            } else {
                stateChanged = true;
            }
        }
        // a drop may have hidden a state event, so state is re-read
        stateChanged |= lost > 0;
        // at most one delivery that makes the window re-draw much per pulse, so their layouts never add up
        if ((!proxy.isEmpty() || !upstream.isEmpty() || proxyDropped > 0 || upstreamDropped > 0)
                && due(nowNanos, lastLogs, flooding ? SLOW_INTERVAL_NANOS : LOG_INTERVAL_NANOS)) {
            lastLogs = nowNanos;
            flooding = proxy.size() + upstream.size() >= FLOOD_LINES;
            sink.logs(proxy.take(), upstream.take(), proxyDropped, upstreamDropped);
            proxyDropped = 0;
            upstreamDropped = 0;
        } else if (!activity.isEmpty() && due(nowNanos, lastActivity, SLOW_INTERVAL_NANOS)) {
            lastActivity = nowNanos;
            sink.activity(activity.take());
        } else if (inFlightChanged && due(nowNanos, lastRefresh, SLOW_INTERVAL_NANOS)) {
            stateChanged = true;
        }
        if (stateChanged || tickWoke || due(nowNanos, lastRefresh, TICK_NANOS)) {
            tickWoke = false;
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
            ticker.shutdownNow();
        }
        queue.close();
    }

    /**
     * Items drained but not yet delivered, at most {@link #QUEUE_CAPACITY} and {@link #QUEUE_BYTES} of
     * their weight; the oldest give way.
     */
    private static final class Held<T extends Event> {
        private final ArrayDeque<T> items = new ArrayDeque<>();
        private long bytes;

        /** Holds {@code item}; answers how many older items were dropped to make room. */
        int add(T item) {
            items.addLast(item);
            bytes += item.weight();
            int dropped = 0;
            while (items.size() > QUEUE_CAPACITY || bytes > QUEUE_BYTES && items.size() > 1) {
                bytes -= items.removeFirst().weight();
                dropped++;
            }
            return dropped;
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
            bytes = 0;
            return out;
        }
    }

    private static int kind(Event event) {
        if (event instanceof LogLine line) {
            return line.stream() == LogStream.PROXY ? PROXY_LINE : UPSTREAM_LINE;
        }
        return OTHER;
    }

    private static boolean wanted(Event event) {
        return event instanceof LogLine || event instanceof StateChanged || event instanceof InFlightChanged
                || event instanceof ActiveProfileChanged || event instanceof PinProfileChanged
                || event instanceof ConfigLoaded || event instanceof ConfigRejected || event instanceof MemoryChanged || event instanceof ActivityRecord
                || event instanceof LoadProgress;
    }
}
