package dev.swapdeck.metrics;

import dev.swapdeck.activity.ActivityLog;
import dev.swapdeck.process.ProcessState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one model, made once. Histograms use fixed buckets sized for LLM requests (tens of
 * milliseconds to minutes) rather than Micrometer's percentile histogram, whose ~70 buckets per
 * series would make a scrape of 50 models slow and large.
 */
final class ModelMeters {
    private static final Duration[] DURATION_BUCKETS = seconds(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300);
    private static final Duration[] FIRST_TOKEN_BUCKETS = seconds(0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30);
    private static final Duration[] LOAD_BUCKETS = seconds(1, 2.5, 5, 10, 30, 60, 120, 300);

    /**
     * The statuses whose counts exist at 0 from the start: a series that appears already counting has
     * no baseline, so Prometheus' {@code rate()} and {@code increase()} would miss its first requests.
     * Success, the upstream's usual errors, and Swapdeck's own answers for a model (429 past its
     * {@code concurrencyLimit}, 502 when it failed, 503 when it cannot fit or is going away); any other
     * status gets its series with its first request.
     */
    static final int[] COMMON_STATUSES = {200, 400, 429, 500, 502, 503};

    private final MeterRegistry registry;
    private final String model;
    private final Map<Integer, Counter> requestsByStatus = new ConcurrentHashMap<>();
    final Timer duration;
    final Timer firstToken;
    final Counter promptTokens;
    final Counter generatedTokens;
    final Timer loadTime;
    final Counter swappedOut;
    final Counter interrupted;
    /** Requests served or waiting, as the router last reported. */
    final AtomicInteger demand = new AtomicInteger();
    /** Written by the event publisher, read by scrapes. */
    volatile ProcessState state = ProcessState.STOPPED;
    /** When the start under way began, on {@link System#nanoTime}; only touched by the thread publishing this model's state changes. */
    OptionalLong startingSince = OptionalLong.empty();

    /**
     * {@code local}: a model of this Swapdeck's own; a peer's model ({@code peer/model}) is served
     * elsewhere and has only request meters here, no state, load, swap or queue of this Swapdeck's.
     */
    ModelMeters(MeterRegistry registry, String model, ActivityLog activity, boolean local) {
        this.registry = registry;
        this.model = model;
        for (int status : COMMON_STATUSES) {
            requests(status);
        }
        duration = Timer.builder("swapdeck.request.duration").description("From a request's arrival to its last byte")
                .tag("model", model).serviceLevelObjectives(DURATION_BUCKETS).register(registry);
        firstToken = Timer.builder("swapdeck.time.to.first.token")
                .description("From a request's arrival to the first content (a whole body: its first byte)")
                .tag("model", model).serviceLevelObjectives(FIRST_TOKEN_BUCKETS).register(registry);
        promptTokens = Counter.builder("swapdeck.prompt.tokens").description("Prompt tokens as responses reported them")
                .tag("model", model).register(registry);
        generatedTokens = Counter.builder("swapdeck.generated.tokens")
                .description("Generated tokens as responses reported them").tag("model", model).register(registry);
        interrupted = Counter.builder("swapdeck.requests.interrupted")
                .description("Answers that ended before they were whole: the client left, the upstream broke off, reported an error inside its stream, or was stopped"
                        + " (also counted in swapdeck_requests_total under the status they began with)")
                .tag("model", model).register(registry);
        if (!local) {
            loadTime = null;
            swappedOut = null;
            return;
        }
        loadTime = Timer.builder("swapdeck.model.load").description("From a model's start to its first healthy answer")
                .tag("model", model).serviceLevelObjectives(LOAD_BUCKETS).register(registry);
        swappedOut = Counter.builder("swapdeck.swaps").description("Times this model was stopped to make room for another")
                .tag("model", model).register(registry);
        for (ProcessState each : ProcessState.values()) {
            Gauge.builder("swapdeck.model.state", this, m -> m.state == each ? 1 : 0)
                    .description("1 for the state the model is in, 0 for the others")
                    .tags("model", model, "state", each.label()).register(registry);
        }
        Gauge.builder("swapdeck.requests.waiting", activity, a -> a.waiting(model))
                .description("Requests waiting for this model to start or for their turn").tag("model", model)
                .register(registry);
        Gauge.builder("swapdeck.requests.in.flight", this, m -> Math.max(0, m.demand.get() - activity.waiting(model)))
                .description("Requests this model is serving now").tag("model", model).register(registry);
    }

    /** The count of this model's proxied requests answered with {@code status}, made on first use. */
    Counter requests(int status) {
        Counter counter = requestsByStatus.get(status);
        return counter != null ? counter : requestsByStatus.computeIfAbsent(status, s -> requests(registry, model, s));
    }

    /** The count of {@code model}'s proxied requests answered with {@code status}. */
    static Counter requests(MeterRegistry registry, String model, int status) {
        return Counter.builder("swapdeck.requests").description("Proxied requests by model and HTTP status")
                .tags("model", model, "status", Integer.toString(status)).register(registry);
    }

    private static Duration[] seconds(double... values) {
        Duration[] buckets = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            buckets[i] = Duration.ofNanos((long) (values[i] * 1e9));
        }
        return buckets;
    }
}
