package dev.swapdeck.routing;

import java.util.Set;

/**
 * An eviction rule (llama-swap's groups or matrix): which running models must stop before
 * {@code target} may run. Pure: no threads, no processes, no logging, so it may be asked as often as
 * the scheduler likes (every queued request on every queue pass) and is tested as a table.
 */
public interface Swapper {

    /**
     * @param running every model that holds its resources now: ready, starting, admitted or still
     *                stopping (never containing a model that has fully stopped)
     * @return the members of {@code running} to stop; never {@code target} itself
     */
    Set<String> evictionFor(String target, Set<String> running);

    /** One line for the proxy log when a swap this rule decided is carried out. */
    default String explain(String target, Set<String> running) {
        return "";
    }
}
