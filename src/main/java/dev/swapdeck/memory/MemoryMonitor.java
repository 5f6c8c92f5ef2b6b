package dev.swapdeck.memory;

import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.ProxyLog;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.process.StateChanged;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Samples memory off the request path, on its own thread: every {@link Cadence#idle()}, faster around
 * a start, and at once when a model starts, becomes ready or stops. Planning reads the latest sample
 * ({@link #latest()}) and never waits for the probe. Learns each model's footprint (its peak after
 * ready in this run) and publishes {@link MemoryChanged} when the numbers move.
 * Sampling runs only while the configuration in force has a {@code memory:} section.
 */
public final class MemoryMonitor implements AutoCloseable {
    /** How long a start waits for the first sample (one takes 20-50 ms with a GPU awake). */
    static final Duration FIRST_SAMPLE_WAIT = Duration.ofSeconds(2);
    /**
     * How old the numbers may be that refuse a request (a 503 cannot be taken back, and idle, a sample
     * comes every 10 s: another program may have freed memory since); older ones are measured again.
     */
    public static final Duration REFUSAL_FRESHNESS = Duration.ofSeconds(1);
    /** The longest a refusal waits for numbers measured again (a probe may hang while a GPU driver wakes). */
    public static final Duration REMEASURE_WAIT = Duration.ofSeconds(2);
    private final MemoryProbe probe;
    private final Footprints footprints;
    private final Supplier<Map<String, Long>> rootPids;
    private final EventBus bus;
    private final ProxyLog log;
    private final Cadence cadence;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "swapdeck-memory-probe");
        t.setDaemon(true);
        return t;
    });
    private final AutoCloseable subscription;
    /** This run's peak for each model that is ready; absent for any other model. */
    private final Map<String, Long> runPeaks = new ConcurrentHashMap<>();
    private volatile MemoryModels models;
    private volatile Optional<Sample> latest = Optional.empty();
    /** When the last probe whose reading was renewed began, on {@link System#nanoTime}. */
    private volatile long latestBeganNanos;
    /** Whether the last probe renewed its reading: false while nvidia-smi fails and an older one stands in. */
    private volatile boolean renewing = true;
    /** The probe's {@link MemoryProbe#problem()} as of the latest sample. */
    private volatile Optional<String> problem = Optional.empty();
    private volatile long fastUntilNanos;
    /** The cadence's next sample (never the one running); guarded by this. */
    private ScheduledFuture<?> timer;
    private boolean immediatePending;
    private final OtherPrograms others = new OtherPrograms();
    private MemoryReport published;
    private boolean overBudget;
    private boolean budgetBeyond;

    /** @param rootPids each model's process id, for the models that have a process now */
    public MemoryMonitor(MemoryOptions options, Supplier<Map<String, Long>> rootPids, EventBus bus, ProxyLog log) {
        this.probe = new MemoryProbe(new NvidiaSmi(options.nvidiaSmi(), options.probeTimeout()), options.proc(), log,
                java.time.Clock.systemUTC());
        this.footprints = new Footprints(options.state(), log);
        this.rootPids = rootPids;
        this.bus = bus;
        this.log = log;
        this.cadence = options.cadence();
        this.subscription = bus.subscribe(event -> {
            if (event instanceof StateChanged change) {
                onStateChanged(change);
            }
        });
    }

    /** Installs a configuration's memory view; the first one with a {@code memory:} section starts sampling. */
    public void configure(MemoryModels next) {
        models = next;
        if (next.enabled()) {
            requestSample();
        }
    }

    /** The learned footprints predictions read through. */
    public Footprints footprints() {
        return footprints;
    }

    public MemoryModels models() {
        return models;
    }

    public Optional<Sample> latest() {
        return latest;
    }

    /**
     * Whether the latest sample was begun at or after {@code nanos} ({@link System#nanoTime}); true
     * too when no fresher one can be had: there is none yet, or nvidia-smi fails and its last reading
     * stands in.
     */
    public boolean sampledSince(long nanos) {
        return latest.isEmpty() || !renewing || latestBeganNanos - nanos >= 0;
    }

    /**
     * Completes once the latest sample was begun at most {@link #REFUSAL_FRESHNESS} before now: at once
     * if it was (or sampling is off), else after one taken now, or after {@link #REMEASURE_WAIT}.
     */
    public CompletableFuture<Void> measuredForRefusal() {
        MemoryModels current = models;
        if (current == null || !current.enabled() || sampledSince(System.nanoTime() - REFUSAL_FRESHNESS.toNanos())) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            return CompletableFuture.runAsync(this::sampleNow, thread)
                    .completeOnTimeout(null, REMEASURE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            return CompletableFuture.completedFuture(null);
        }
    }

    /** What other programs use, as plans should count it: see {@link OtherPrograms}. */
    public long otherPrograms() {
        return others.current();
    }

    /** Samples as soon as the probe's thread is free; requests made meanwhile are served by that sample. */
    public synchronized void requestSample() {
        if (thread.isShutdown() || models == null || !models.enabled() || immediatePending) {
            return;
        }
        immediatePending = true;
        if (timer != null) {
            timer.cancel(false);
        }
        thread.execute(this::sampleNow);
    }

    /**
     * Takes one sample and waits for it, at most {@link #FIRST_SAMPLE_WAIT}: the first reading at
     * start-up, so that the first request is planned with it. One that takes longer (an nvidia-smi that
     * hangs while the driver wakes: two queries of up to 5 s each) goes on without holding the start
     * up; until it ends memory decides nothing that needs a sample.
     */
    public void sampleBlocking() {
        Future<?> first = thread.submit(this::sampleNow);
        try {
            first.get(FIRST_SAMPLE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.info("memory: the first sample is taking longer than " + FIRST_SAMPLE_WAIT.toSeconds()
                    + " s; starting without it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.warn("memory: the first sample did not complete: " + e.getCause());
        }
    }

    private void onStateChanged(StateChanged change) {
        if (change.to() == ProcessState.READY) {
            runPeaks.put(change.model(), 0L);
        } else {
            runPeaks.remove(change.model());
        }
        if (change.to() == ProcessState.STARTING || change.to() == ProcessState.READY) {
            fastUntilNanos = System.nanoTime() + cadence.window().toNanos();
        }
        if (change.to() != ProcessState.STOPPING) {
            requestSample();
        }
    }

    /** Runs only on the probe's thread, so samples never overlap. */
    private void sampleNow() {
        synchronized (this) {
            immediatePending = false;
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
        MemoryModels current = models;
        if (current == null || !current.enabled()) {
            return;
        }
        try {
            long began = System.nanoTime();
            Sample sample = probe.sample(rootPids);
            others.add(sample, current::predictedBytes, footprints.anyLearnedIn(sample.source()), runPeaks::containsKey);
            footprints.accountIn(sample.source());
            latest = Optional.of(sample);
            renewing = probe.renewed();
            problem = probe.problem();
            if (renewing) {
                latestBeganNanos = began; // after: whoever reads it new then reads the sample it dates
            }
            learnPeaks(sample);
            report(current, sample);
        } catch (IOException | RuntimeException e) {
            log.warn("memory: sampling failed: " + e.getMessage());
        } finally {
            scheduleNext();
        }
    }

    private synchronized void scheduleNext() {
        if (thread.isShutdown() || immediatePending || models == null || !models.enabled()) {
            return;
        }
        boolean fast = System.nanoTime() - fastUntilNanos < 0;
        timer = thread.schedule(this::sampleNow, (fast ? cadence.fast() : cadence.idle()).toMillis(), TimeUnit.MILLISECONDS);
    }

    private void learnPeaks(Sample sample) {
        runPeaks.forEach((model, peak) -> {
            long measured = sample.measured(model);
            if (measured > peak && runPeaks.replace(model, peak, measured)) {
                footprints.learn(sample.source(), model, measured);
            }
        });
    }

    private void report(MemoryModels current, Sample sample) {
        boolean beyond = current.budgetBeyond(sample);
        if (beyond && !budgetBeyond) {
            log.warn("memory: memory.budget " + ByteSize.format(current.config().budget().orElseThrow())
                    + " is more than the " + ByteSize.format(sample.total())
                    + (sample.source() == Reading.Source.GPU ? " the GPUs hold" : " of RAM there is")
                    + "; planning with " + ByteSize.format(sample.total()));
        }
        budgetBeyond = beyond;
        MemoryReport report = MemoryReports.of(current, Optional.of(sample), problem, others.current());
        boolean over = report.free() < 0;
        if (over && !overBudget) {
            log.warn("memory: " + ByteSize.format(-report.free()) + " over budget (models "
                    + ByteSize.format(report.swapdeck()) + ", other programs " + ByteSize.format(report.other())
                    + "); the next swap will evict more");
        }
        overBudget = over;
        if (published == null || MemoryReports.differ(published, report)) {
            published = report;
            bus.publish(new MemoryChanged(report, Instant.now()));
        }
    }

    /** The report for the configuration in force and the latest sample. */
    public MemoryReport report() {
        return MemoryReports.of(models, latest, problem, others.current());
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(MemoryOptions.PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            subscription.close();
        } catch (Exception e) {
            log.debug("memory: unsubscribing failed: " + e);
        }
    }
}
