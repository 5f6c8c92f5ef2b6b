package dev.swapdeck.proxy;

import dev.swapdeck.config.Timeouts;
import dev.swapdeck.config.UpstreamAddress;
import dev.swapdeck.routing.Lease;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link UpstreamPool} per model and process generation. A new generation (the model's process
 * was restarted) or a new address replaces the pool and closes the old one's idle connections, so no
 * request ever reuses a connection to a process that is gone. New timeouts replace it too: a peer's
 * model has no process generations, and a reload that changes its timeouts must take effect.
 */
final class UpstreamPools {
    private static final int MAX_IDLE_PER_THREAD = 256;

    private record Entry(URI upstream, long generation, Timeouts timeouts, UpstreamPool pool) {
    }

    private final Map<String, Entry> pools = new ConcurrentHashMap<>();
    private final UpstreamPool.Reuse reuse;

    UpstreamPools(UpstreamPool.Reuse reuse) {
        this.reuse = reuse;
    }

    UpstreamPool poolFor(Lease lease) {
        String model = lease.model().id();
        URI upstream = lease.upstream();
        int maxIdle = Math.min(MAX_IDLE_PER_THREAD, Math.max(1, lease.model().concurrencyLimit()));
        Timeouts timeouts = lease.model().extras().timeouts();
        Entry current = pools.get(model);
        if (current != null && current.generation == lease.generation() && current.upstream.equals(upstream)
                && current.timeouts.equals(timeouts)) {
            return current.pool;
        }
        if (current != null && current.generation > lease.generation()) {
            // a lease from before a restart, still finishing: its own short-lived pool
            return new UpstreamPool(UpstreamAddress.candidates(upstream), 0, reuse, timeouts);
        }
        Entry fresh = new Entry(upstream, lease.generation(), timeouts,
                new UpstreamPool(UpstreamAddress.candidates(upstream), maxIdle, reuse, timeouts));
        Entry installed = pools.compute(model, (id, existing) -> existing == null || existing == current ? fresh : existing);
        if (installed != fresh) {
            return poolFor(lease);
        }
        if (current != null) {
            current.pool.close();
        }
        return fresh.pool;
    }

    /** Closes every pool's idle connections; in-flight exchanges finish on theirs. */
    void close() {
        pools.values().forEach(entry -> entry.pool.close());
        pools.clear();
    }

    static InetSocketAddress addressOf(URI upstream) {
        return new InetSocketAddress(UpstreamAddress.host(upstream), UpstreamAddress.port(upstream));
    }
}
