package dev.swapdeck.routing;

import dev.swapdeck.config.ModelConfig;
import java.net.URI;
import java.util.Optional;

/**
 * Permission to send one request to a ready model. While it is open the request counts as in
 * flight: no swap and no TTL stops the model. Close it exactly when the response has finished (or
 * failed); closing again has no effect.
 */
public interface Lease extends AutoCloseable {

    /**
     * The route this lease serves: the one it was asked with or, for a request a reload made wait, the
     * one the new configuration gives the name it asked for (its body is then rewritten for that).
     */
    Route route();

    ModelConfig model();

    /** Base URL of the ready upstream. */
    URI upstream();

    /**
     * Increases each time the model's process is started, so a connection pool kept for one
     * generation can be dropped when the process is replaced.
     */
    long generation();

    /**
     * The key to send instead of the client's credentials ({@code Authorization: Bearer} and
     * {@code x-api-key}): a peer's {@code apiKey}; empty for local models, whose requests pass as sent.
     */
    default Optional<String> apiKey() {
        return Optional.empty();
    }

    /**
     * Why the leased model's process was asked to stop ({@code unloaded}, its ttl, a shutdown), once
     * it is stopping or stopped; empty while it runs or when it exited on its own. An answer cut
     * short says this rather than blaming the model's server.
     */
    default Optional<String> stopReason() {
        return Optional.empty();
    }

    /**
     * How the leased model's process ended on its own ({@code exited with code 139 (SIGSEGV); last
     * output: ...}) once Swapdeck has seen it exit; empty while it runs, and when it was asked to stop.
     * It stays so while the model starts again: it is the run this lease was given that ended. A
     * request whose connection it closed is then not sent again, and its 502 says why.
     */
    default Optional<String> exited() {
        return Optional.empty();
    }

    /** Whether {@link #exited()} will tell of the leased model's process exiting: a process Swapdeck started. */
    default boolean exitIsWatched() {
        return false;
    }

    @Override
    void close();

    /**
     * {@link #close()} for a request whose client left before its answer ended (or got none): the
     * model does not linger for that client's next request, so a swap waiting for it goes at once.
     */
    default void closeClientLeft() {
        close();
    }
}
