package dev.swapdeck.routing;

import java.util.List;

/**
 * The second half of a swap decision (SPEC §11): the swap rules ({@link SwapPolicy}: profiles, groups,
 * the matrix) constrain first, then this decides among what they allow. Consulted under the router's
 * lock for every request, so it must be quick and must not block: it plans with numbers measured
 * earlier, never by probing.
 */
public interface RoomPolicy {

    /** No memory accounting: the swap rules alone decide. */
    RoomPolicy NONE = (route, plan, holders) -> plan;

    /**
     * The plan to carry out for {@code route}.
     *
     * @param plan     what the swap rules decided
     * @param holders  every model that is resident or still stopping, the target included if it is one
     * @throws RoutingException of kind {@link RoutingException.Kind#NO_ROOM} when the model cannot fit
     *                          even with every evictable model gone; nothing is stopped then
     */
    SwapPolicy.Plan refine(Route route, SwapPolicy.Plan plan, List<Holder> holders);

    /**
     * Whether the numbers {@link #refine} plans with were measured at or after {@code nanos}
     * ({@link System#nanoTime}); true when no fresher ones can be had.
     */
    default boolean measuredSince(long nanos) {
        return true;
    }

    /** Whether the route's model could fit if nothing else held memory (if not, no fresher number helps). */
    default boolean fitsWhenEmpty(Route route) {
        return true;
    }

    /** Asks for fresh numbers soon, without waiting for them. */
    default void measureSoon() {
    }
}
