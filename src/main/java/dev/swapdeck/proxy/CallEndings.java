package dev.swapdeck.proxy;

import io.undertow.server.HttpServerExchange;
import java.util.Optional;

/**
 * What the forwarder does when an {@link UpstreamCall} ends in a way the call cannot finish by
 * itself: it owns the lease and the client's error answers, the call owns the two connections.
 */
interface CallEndings {
    /**
     * No usable answer came: answer the client (a 502, or an SSE error on a started response), saying
     * {@code why} and, once known, why the model's process is gone ({@link #stopped()}).
     * {@code mayHaveBeenRead}: some of the request went out on a connection the server did not reset
     * unread ({@link PeerReset}), so a server may have read it.
     */
    void unreachable(HttpServerExchange exchange, String why, boolean mayHaveBeenRead);

    /** The upstream refused a request whose response Swapdeck had started: end it with the server's error. */
    void refused(HttpServerExchange exchange, UpstreamRefusal refusal);

    /** The client left: release its lease now. The call already closed both connections. */
    void clientLeft(HttpServerExchange exchange);

    /** The upstream's answer is read in full: release the lease before the client gets its end. Idempotent. */
    void answered(HttpServerExchange exchange);

    /**
     * The upstream broke off an answer it had begun: release the lease, log why and return it for the
     * activity record (its model was stopped, or its server cut it). The call closes both connections.
     */
    String brokeOff(HttpServerExchange exchange);

    /**
     * "{@code <model>} was stopped ({@code <why>})" when the model's process was asked to stop while
     * this call ran, "{@code <model>}'s server exited with code ..." once it is known to have exited:
     * a connection it closed then is no stale one, and the request is not sent again.
     */
    Optional<String> stopped();
}
