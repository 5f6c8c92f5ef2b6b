package dev.swapdeck.loading;

import dev.swapdeck.event.EventBus;
import dev.swapdeck.loading.LoadProgress.Stage;
import dev.swapdeck.logging.ProxyLog;
import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.process.StateChanged;
import dev.swapdeck.state.FileProblems;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Follows every start through the {@link StateChanged} events (SPEC §12): while a model starts it
 * publishes {@link LoadProgress} every {@link #TICK}, and once at the end; a successful start
 * teaches {@link LoadTimes} its duration (saved to the state folder off the publisher's thread).
 * Durations are measured on {@link System#nanoTime}: a wall clock stepped during a load must not be
 * learnt as part of it.
 * One daemon thread ticks and saves, and exists only while there is work; {@link #close} stops it.
 * Thread-safe.
 */
public final class LoadTracker implements AutoCloseable {
    static final Duration TICK = Duration.ofMillis(500);

    private final EventBus bus;
    private final LoadTimes times;
    private final ProxyLog log;
    /** Each starting model's {@link StateChanged#nanos} at its start. */
    private final Map<String, Long> starting = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "swapdeck-load-progress");
        thread.setDaemon(true);
        return thread;
    });
    /** Ticking only while something starts; guarded by {@code this}. */
    private ScheduledFuture<?> ticking;
    /** The save failure last said, until a save succeeds. */
    private volatile String lastSaveProblem;
    private final AutoCloseable subscription;

    public LoadTracker(EventBus bus, LoadTimes times, ProxyLog log) {
        this.bus = bus;
        this.times = times;
        this.log = log;
        this.subscription = bus.subscribe(event -> {
            if (event instanceof StateChanged change) {
                onStateChanged(change);
            }
        });
        // no thread at all while nothing starts
        timer.setKeepAliveTime(1, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
    }

    public LoadTimes times() {
        return times;
    }

    /** The progress of {@code model}'s start now; empty when it is not starting. */
    public Optional<LoadProgress> current(String model) {
        Long since = starting.get(model);
        return since == null ? Optional.empty()
                : Optional.of(progress(model, since, Instant.now(), System.nanoTime(), Stage.LOADING));
    }

    private void onStateChanged(StateChanged change) {
        String model = change.model();
        if (change.to() == ProcessState.STARTING) {
            starting.put(model, change.nanos());
            bus.publish(progress(model, change.nanos(), change.at(), change.nanos(), Stage.LOADING));
            startTicking();
            return;
        }
        Long since = starting.remove(model);
        if (since == null) {
            return;
        }
        boolean ready = change.to() == ProcessState.READY;
        if (ready) {
            times.learn(model, Duration.ofNanos(change.nanos() - since));
            saveSoon();
        }
        bus.publish(progress(model, since, change.at(), change.nanos(), ready ? Stage.READY : Stage.FAILED));
    }

    private LoadProgress progress(String model, long sinceNanos, Instant at, long nowNanos, Stage stage) {
        Duration elapsed = Duration.ofNanos(Math.max(0, nowNanos - sinceNanos));
        return new LoadProgress(model, at, elapsed, times.expected(model), stage);
    }

    private synchronized void startTicking() {
        if (ticking == null && !timer.isShutdown()) {
            ticking = timer.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void tick() {
        Instant now = Instant.now();
        long nowNanos = System.nanoTime();
        starting.forEach((model, since) -> bus.publish(progress(model, since, now, nowNanos, Stage.LOADING)));
        synchronized (this) {
            if (starting.isEmpty() && ticking != null) {
                ticking.cancel(false);
                ticking = null;
            }
        }
    }

    private synchronized void saveSoon() {
        if (!timer.isShutdown()) {
            timer.execute(this::save);
        }
    }

    /**
     * Saves on the timer thread. A failure is said once until it changes or a save succeeds: a folder
     * that cannot be written repeated the same warning after every model's start.
     */
    private void save() {
        try {
            times.save();
            lastSaveProblem = null;
        } catch (IOException | RuntimeException e) {
            Path file = times.file().orElseThrow();
            String problem = "cannot save learned load times in " + file + ": "
                    + (e instanceof IOException io ? FileProblems.why(file, io) : e.getMessage());
            if (!problem.equals(lastSaveProblem)) {
                lastSaveProblem = problem;
                log.log(LogLevel.WARN, null, problem);
            }
        }
    }

    /** Stops listening and ticking, and saves what was learned; returns once saved (2 s at most). */
    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot unsubscribe the load tracker", e);
        }
        synchronized (this) {
            if (ticking != null) {
                ticking.cancel(false);
            }
            timer.execute(this::save);
            timer.shutdown();
        }
        try {
            // the last save is a small file: wait for it, so nothing writes to the state folder after close
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
