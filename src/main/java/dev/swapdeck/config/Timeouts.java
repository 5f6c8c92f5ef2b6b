package dev.swapdeck.config;

import java.time.Duration;

/**
 * llama-swap's {@code timeouts} for the connections to a model's server or a peer.
 *
 * @param connect        how long getting a connection may take; zero waits as long as the system does
 * @param responseHeader how long the upstream may take to begin its answer once the request is sent; zero: no limit
 */
public record Timeouts(Duration connect, Duration responseHeader) {

    /** llama-swap's defaults for a model: 30 s to connect, no limit on the answer. */
    public static final Timeouts MODEL_DEFAULTS = new Timeouts(Duration.ofSeconds(30), Duration.ZERO);
    /** llama-swap's defaults for a peer: 30 s to connect, 60 s until the answer starts. */
    public static final Timeouts PEER_DEFAULTS = new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(60));
}
