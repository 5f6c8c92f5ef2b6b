package dev.swapdeck.proxy;

import java.time.Duration;

/**
 * Tuning of the embedded server. {@link #defaults()} suits a desktop; tests shorten the intervals.
 *
 * @param maxBodyBytes        largest request body accepted (413 beyond it)
 * @param ioThreads           Undertow IO threads; 0 means one per core (at least 2)
 * @param shutdownGrace       how long {@link ProxyServer#stop()} lets in-flight requests finish
 * @param keepAliveInterval   quiet time after which {@code /api/events} sends an SSE comment
 * @param streamPollInterval  how often a live log or event stream forwards new lines
 * @param streamQueueCapacity events buffered per live stream before they are dropped and counted
 */
public record ProxyOptions(
        long maxBodyBytes,
        int ioThreads,
        Duration shutdownGrace,
        Duration keepAliveInterval,
        Duration streamPollInterval,
        int streamQueueCapacity) {

    public static final long DEFAULT_MAX_BODY_BYTES = 64L * 1024 * 1024;

    public ProxyOptions {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
        }
        if (ioThreads < 0 || streamQueueCapacity < 1) {
            throw new IllegalArgumentException("ioThreads must be >= 0 and streamQueueCapacity >= 1");
        }
    }

    public static ProxyOptions defaults() {
        return new ProxyOptions(DEFAULT_MAX_BODY_BYTES, 0, Duration.ofSeconds(3), Duration.ofSeconds(15),
                Duration.ofMillis(20), 4_096);
    }

    public ProxyOptions withMaxBodyBytes(long bytes) {
        return new ProxyOptions(bytes, ioThreads, shutdownGrace, keepAliveInterval, streamPollInterval,
                streamQueueCapacity);
    }

    public ProxyOptions withShutdownGrace(Duration grace) {
        return new ProxyOptions(maxBodyBytes, ioThreads, grace, keepAliveInterval, streamPollInterval,
                streamQueueCapacity);
    }

    public ProxyOptions withKeepAliveInterval(Duration interval) {
        return new ProxyOptions(maxBodyBytes, ioThreads, shutdownGrace, interval, streamPollInterval,
                streamQueueCapacity);
    }

    public ProxyOptions withStreamQueueCapacity(int capacity) {
        return new ProxyOptions(maxBodyBytes, ioThreads, shutdownGrace, keepAliveInterval, streamPollInterval,
                capacity);
    }

    int effectiveIoThreads() {
        return ioThreads > 0 ? ioThreads : Math.max(2, Runtime.getRuntime().availableProcessors());
    }
}
