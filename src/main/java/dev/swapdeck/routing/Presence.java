package dev.swapdeck.routing;

import java.util.function.Consumer;

/**
 * Whether a request's client is still connected, asked just before a swap begins for the request.
 * Departures are otherwise noticed by a look every 50 ms: a client that left a moment before the
 * request it waited for ended would still have the running model stopped for it (SPEC §4: a queued
 * request whose client left triggers no swap).
 */
@FunctionalInterface
public interface Presence {
    /** A request with no client to look at (a Load command, a test): taken to be there. */
    Presence ASSUMED = answer -> answer.accept(true);

    /**
     * Looks without blocking and answers once, possibly on another thread: true while the client is
     * connected. One found gone has its request withdrawn as a departure noticed any other way.
     */
    void confirm(Consumer<Boolean> answer);
}
