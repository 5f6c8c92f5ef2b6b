package dev.swapdeck.proxy;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.routing.Lease;
import dev.swapdeck.routing.Route;
import dev.swapdeck.routing.RoutingException;
import dev.swapdeck.routing.Upstreams;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link Upstreams} double: resolves ids, aliases and {@code profile:model} from a config and
 * hands out leases on each model's configured {@code proxy} URL at once (or after a delay, or failed),
 * recording how often each lease is closed.
 */
final class FakeUpstreams implements Upstreams {

    static final class TrackedLease implements Lease {
        final Route route;
        final ModelConfig model;
        final AtomicInteger closes = new AtomicInteger();
        /** Of the closes, those for a request whose client left ({@link Lease#closeClientLeft()}). */
        final AtomicInteger clientLeftCloses = new AtomicInteger();
        final CountDownLatch closed = new CountDownLatch(1);
        /** What {@link #stopReason()} says: set by a test that plays Swapdeck stopping the model. */
        volatile Optional<String> stopReason = Optional.empty();
        /** What {@link #exited()} says: set by a test that plays the model's process exiting on its own. */
        volatile Optional<String> exited = Optional.empty();
        private final long generation;

        TrackedLease(ModelConfig model, long generation) {
            this(new Route(model.id(), model, Optional.empty()), generation);
        }

        TrackedLease(Route route, long generation) {
            this.route = route;
            this.model = route.model();
            this.generation = generation;
        }

        @Override
        public Route route() {
            return route;
        }

        @Override
        public ModelConfig model() {
            return model;
        }

        @Override
        public URI upstream() {
            return model.proxy();
        }

        @Override
        public long generation() {
            return generation;
        }

        @Override
        public Optional<String> stopReason() {
            return stopReason;
        }

        @Override
        public Optional<String> exited() {
            return exited;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            closed.countDown();
        }

        @Override
        public void closeClientLeft() {
            clientLeftCloses.incrementAndGet();
            close();
        }

        boolean awaitClosed() throws InterruptedException {
            return closed.await(10, TimeUnit.SECONDS);
        }
    }

    final List<TrackedLease> leases = new CopyOnWriteArrayList<>();
    final Map<String, RuntimeException> failures = new ConcurrentHashMap<>();
    volatile long delayMillis;
    volatile long generation = 1;
    /** The stop reason each new lease carries from the start, as if its model were stopped at once. */
    volatile Optional<String> stopReason = Optional.empty();
    /** How each new lease's process exited, from the start, as if it had died at once. */
    volatile Optional<String> exited = Optional.empty();
    /** Runs at each acquire before its lease is made: a test that plays a model starting again. */
    volatile Runnable beforeAcquire = () -> { };
    private final SwapdeckConfig config;

    FakeUpstreams(SwapdeckConfig config) {
        this.config = config;
    }

    @Override
    public Route resolve(String requested) {
        int colon = requested.indexOf(':');
        if (colon > 0 && config.profiles().containsKey(requested.substring(0, colon))) {
            String profile = requested.substring(0, colon);
            ModelConfig model = config.model(requested.substring(colon + 1)).orElseThrow(() -> unknown(requested));
            return new Route(requested, model, Optional.of(profile));
        }
        return new Route(requested, config.model(requested).orElseThrow(() -> unknown(requested)), Optional.empty());
    }

    private RoutingException unknown(String name) {
        return new RoutingException(RoutingException.Kind.UNKNOWN_MODEL,
                "unknown model '" + name + "'; known models: " + String.join(", ", config.models().keySet()));
    }

    @Override
    public CompletableFuture<Lease> acquire(Route route) {
        beforeAcquire.run();
        RuntimeException failure = failures.get(route.modelId());
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        TrackedLease lease = new TrackedLease(route, generation);
        lease.stopReason = stopReason;
        lease.exited = exited;
        leases.add(lease);
        if (delayMillis <= 0) {
            return CompletableFuture.completedFuture(lease);
        }
        return CompletableFuture.supplyAsync(() -> lease,
                CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS));
    }

    TrackedLease lastLease() {
        return leases.get(leases.size() - 1);
    }

    int openLeases() {
        return (int) leases.stream().filter(l -> l.closes.get() == 0).count();
    }
}
