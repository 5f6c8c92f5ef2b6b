package dev.swapdeck.metrics;

import dev.swapdeck.activity.ActivityLog;
import dev.swapdeck.activity.ActivityRecord;
import dev.swapdeck.config.PeerModels;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.engine.ConfigLoaded;
import dev.swapdeck.event.Event;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.memory.MemoryChanged;
import dev.swapdeck.memory.MemoryReport;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.process.StateChanged;
import dev.swapdeck.routing.InFlightChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Swapdeck's Prometheus metrics (SPEC §12), kept by Micrometer and fed from the event bus:
 * activity records (requests, durations, time to first token, tokens; a request refused before it
 * reached a model only counts, under {@code model=""}), state changes (model state,
 * load time, swaps), in-flight counts and memory ({@link MemoryMeters}); the waiting count is read from the {@link ActivityLog}
 * at scrape time. Every meter of a model is made once, when the model is first seen, so recording
 * a request is a few map lookups. Thread-safe; close it to stop listening.
 */
public final class SwapdeckMetrics implements AutoCloseable {
    /** The swap reason the router gives a model it stops to make room for another. */
    static final String SWAPPED_OUT = "swapped out";

    /**
     * The refusals counted from 0 from the start (see {@link ModelMeters#COMMON_STATUSES}): no or no
     * valid model named, an unknown name, a body over the limit.
     */
    private static final int[] REFUSAL_STATUSES = {400, 404, 413};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
            new PrometheusRegistry(), new ElapsedClock());
    private final ActivityLog activity;
    private final Map<String, ModelMeters> models = new ConcurrentHashMap<>();
    /** The ids of this Swapdeck's own models, as last configured; any other is a peer's. */
    private volatile Set<String> local;
    private final Map<Integer, Counter> refusedByStatus = new ConcurrentHashMap<>();
    private final MemoryMeters memory = new MemoryMeters(registry);
    private final AutoCloseable subscription;

    public SwapdeckMetrics(EventBus bus, ActivityLog activity, Collection<String> initialModels) {
        this(bus, activity, initialModels, Optional.empty());
    }

    /**
     * {@code memoryNow}: the memory report at hand (the engine samples once before the server starts,
     * and a report is published again only when a figure moves), so that the gauges do not read 0
     * until then.
     */
    public SwapdeckMetrics(EventBus bus, ActivityLog activity, Collection<String> initialModels,
            Optional<MemoryReport> memoryNow) {
        this(bus, activity, initialModels, List.of(), memoryNow);
    }

    /** {@code peerModels}: the peers' models ({@code peer/model}), whose request series exist from the start too. */
    public SwapdeckMetrics(EventBus bus, ActivityLog activity, Collection<String> initialModels,
            Collection<String> peerModels, Optional<MemoryReport> memoryNow) {
        this.activity = activity;
        this.local = Set.copyOf(initialModels);
        initialModels.forEach(this::model);
        peerModels.forEach(this::model);
        for (int status : REFUSAL_STATUSES) {
            refused(status);
        }
        memoryNow.ifPresent(this::memory);
        this.subscription = bus.subscribe(this::onEvent);
    }

    /** The Prometheus text exposition (format 0.0.4) of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** The content type of {@link #scrape()}. */
    public static String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }

    /**
     * A loaded configuration's models all have their series at once (a model added by a reload, like
     * one present at launch, reads stopped with zero counts before anything happens to it).
     */
    private void onEvent(Event event) {
        if (event instanceof ActivityRecord record) {
            recordRequest(record);
        } else if (event instanceof StateChanged change) {
            recordState(change);
        } else if (event instanceof InFlightChanged inFlight) {
            model(inFlight.model()).demand.set(inFlight.inFlight());
        } else if (event instanceof ConfigLoaded loaded) {
            forgetRemoved(loaded.config());
            local = Set.copyOf(loaded.config().models().keySet());
            loaded.config().models().keySet().forEach(this::model);
            PeerModels.of(loaded.config()).forEach(peerModel -> model(peerModel.id()));
            memory.configured(loaded.config().memory().enabled(), local);
        } else if (event instanceof MemoryChanged changed) {
            memory(changed.report());
        }
    }

    /** A report's models are this Swapdeck's own (peers' memory is theirs): they and the configured ones have memory series. */
    private void memory(MemoryReport report) {
        report.models().keySet().forEach(this::model);
        Set<String> own = new HashSet<>(local);
        own.addAll(report.models().keySet());
        memory.update(report, own);
    }

    private void recordRequest(ActivityRecord record) {
        if (!record.routed()) {
            refused(record.status()).increment();
            return;
        }
        ModelMeters meters = model(record.model());
        meters.requests(record.status()).increment();
        meters.duration.record(record.duration());
        record.timeToFirstToken().ifPresent(meters.firstToken::record);
        record.promptTokens().ifPresent(meters.promptTokens::increment);
        record.generatedTokens().ifPresent(meters.generatedTokens::increment);
        if (record.interruption().isPresent()) {
            meters.interrupted.increment();
        }
    }

    private void recordState(StateChanged change) {
        ModelMeters meters = model(change.model());
        meters.state = change.to();
        if (change.to() == ProcessState.STARTING) {
            meters.startingSince = OptionalLong.of(change.nanos());
        } else if (change.to() == ProcessState.READY && meters.startingSince.isPresent()) {
            meters.loadTime.record(change.nanos() - meters.startingSince.getAsLong(), TimeUnit.NANOSECONDS);
            meters.startingSince = OptionalLong.empty();
        } else {
            meters.startingSince = OptionalLong.empty();
        }
        if (change.to() == ProcessState.STOPPING && change.reason() != null && change.reason().startsWith(SWAPPED_OUT)) {
            meters.swappedOut.increment();
        }
    }

    /**
     * A reload removed models: their gauges go (a removed model is in no state, serves nothing); their
     * counters and histograms stay, so totals summed over models do not drop. A model added back gets
     * its gauges again and counts on from where it was.
     */
    private void forgetRemoved(SwapdeckConfig config) {
        Set<String> configured = new HashSet<>(config.models().keySet());
        PeerModels.of(config).forEach(m -> configured.add(m.id()));
        for (String id : Set.copyOf(models.keySet())) {
            if (!configured.contains(id)) {
                models.remove(id);
                registry.getMeters().stream()
                        .filter(m -> m instanceof Gauge && id.equals(m.getId().getTag("model")))
                        .forEach(registry::remove);
            }
        }
    }

    /**
     * The count of requests refused before they reached a model, by status: under {@code model=""},
     * whatever name they asked for, so that a client cannot make a series per made-up name.
     */
    private Counter refused(int status) {
        Counter counter = refusedByStatus.get(status);
        return counter != null ? counter : refusedByStatus.computeIfAbsent(status, s -> ModelMeters.requests(registry, "", s));
    }

    private ModelMeters model(String id) {
        ModelMeters meters = models.get(id);
        return meters != null ? meters : models.computeIfAbsent(id, m -> {
            // not for a model that is not (or no longer) configured here: a removed model's stop is told after its reload
            if (local.contains(m)) {
                memory.model(m);
            }
            return new ModelMeters(registry, m, activity, local.contains(m));
        });
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot unsubscribe the metrics from the event bus", e);
        }
        registry.close();
    }

    /** Number of models with meters, for tests and benchmarks. */
    int modelCount() {
        return models.size();
    }
}
