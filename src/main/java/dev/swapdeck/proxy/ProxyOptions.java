package dev.swapdeck.proxy;

import dev.swapdeck.config.SecurityConfig;
import java.time.Duration;

/**
 * Tuning of the embedded server. {@link #defaults()} suits a desktop; tests shorten the intervals.
 *
 * @param maxBodyBytes        largest request body accepted (413 beyond it)
 * @param ioThreads           Undertow IO threads; 0 means {@link #DEFAULT_IO_THREADS}
 * @param shutdownGrace       how long {@link ProxyServer#stop()} lets in-flight requests finish
 * @param keepAliveInterval   quiet time after which {@code /api/events} sends an SSE comment
 * @param streamPollInterval  how often a live log or event stream forwards new lines
 * @param streamQueueCapacity events buffered per live stream before they are dropped and counted
 * @param limits              body budget and connection timeouts (SPEC §8)
 */
public record ProxyOptions(
        long maxBodyBytes,
        int ioThreads,
        Duration shutdownGrace,
        Duration keepAliveInterval,
        Duration streamPollInterval,
        int streamQueueCapacity,
        ListenerLimits limits) {

    public static final long DEFAULT_MAX_BODY_BYTES = SecurityConfig.DEFAULT_MAX_BODY_BYTES;
    /**
     * Two, whatever the core count. Each IO thread keeps an idle connection to each running model's
     * server ({@code IdleConnections}), and llama-server serves each open connection on one of its
     * {@code max(n_parallel + 2, cores - 1)} HTTP threads: one IO thread per core would hold them
     * all. Two serve a local model's traffic with room to spare (measured at 2 cores and 16
     * connections: 21,300-24,000 requests/s, one thread 17,000-19,800).
     */
    public static final int DEFAULT_IO_THREADS = 2;

    public ProxyOptions {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
        }
        if (ioThreads < 0 || streamQueueCapacity < 1) {
            throw new IllegalArgumentException("ioThreads must be >= 0 and streamQueueCapacity >= 1");
        }
        if (limits.bodyBudgetBytes() < maxBodyBytes) {
            throw new IllegalArgumentException("the body budget must hold at least one body of maxBodyBytes");
        }
    }

    public static ProxyOptions defaults() {
        return from(SecurityConfig.defaults());
    }

    /**
     * The defaults, with the body limit, body budget and timeouts of {@code security}; a body limit
     * over the budget this JVM's heap allows ({@link ListenerLimits#from}) is lowered to it.
     */
    public static ProxyOptions from(SecurityConfig security) {
        ListenerLimits limits = ListenerLimits.from(security);
        return new ProxyOptions(Math.min(security.maxBodyBytes(), limits.bodyBudgetBytes()), 0, Duration.ofSeconds(3),
                Duration.ofSeconds(15), Duration.ofMillis(20), 4_096, limits);
    }

    public ProxyOptions withLimits(ListenerLimits newLimits) {
        return new ProxyOptions(maxBodyBytes, ioThreads, shutdownGrace, keepAliveInterval, streamPollInterval,
                streamQueueCapacity, newLimits);
    }

    public ProxyOptions withMaxBodyBytes(long bytes) {
        return new ProxyOptions(bytes, ioThreads, shutdownGrace, keepAliveInterval, streamPollInterval,
                streamQueueCapacity, limits);
    }

    public ProxyOptions withShutdownGrace(Duration grace) {
        return new ProxyOptions(maxBodyBytes, ioThreads, grace, keepAliveInterval, streamPollInterval,
                streamQueueCapacity, limits);
    }

    public ProxyOptions withKeepAliveInterval(Duration interval) {
        return new ProxyOptions(maxBodyBytes, ioThreads, shutdownGrace, interval, streamPollInterval,
                streamQueueCapacity, limits);
    }

    public ProxyOptions withStreamQueueCapacity(int capacity) {
        return new ProxyOptions(maxBodyBytes, ioThreads, shutdownGrace, keepAliveInterval, streamPollInterval,
                capacity, limits);
    }

    int effectiveIoThreads() {
        return ioThreads > 0 ? ioThreads : DEFAULT_IO_THREADS;
    }
}
