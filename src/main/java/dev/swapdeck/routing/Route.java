package dev.swapdeck.routing;

import dev.swapdeck.config.ModelConfig;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where a requested name leads: the model (after pins, selectors and aliases) and, for
 * {@code profile:model}, the list profile that becomes the running set.
 *
 * @param forwardAs the name the upstream should see in the body's {@code model} (unless the model sets
 *                  {@code useModelName}): the requested name, without its {@code profile:} prefix, or
 *                  the pin or selector target it was rewritten to, as llama-swap rewrites it
 * @param presence  how to look whether the request's client is still there before a swap begins for it
 */
public record Route(String requested, ModelConfig model, Optional<String> profile, String forwardAs,
                    OptionalLong waitingSince, boolean letIn, Presence presence) {

    /**
     * A request's route, from its arrival.
     *
     * @param waitingSince {@link System#nanoTime()} when the request began to wait, if before it took
     *                     this route (a reload routed it again): its place in the queue and its
     *                     {@code maxQueueWait} count from then
     * @param letIn        routed again by a reload after the old configuration had let it in under its
     *                     model's {@code concurrencyLimit} (queued or admitted): a limit the reload lowered
     *                     applies to the requests that arrive from then on, not to this one
     */
    public Route(String requested, ModelConfig model, Optional<String> profile, String forwardAs) {
        this(requested, model, profile, forwardAs, OptionalLong.empty(), false, Presence.ASSUMED);
    }

    /** A route whose forwarded name is the requested one without a {@code profile:} prefix. */
    public Route(String requested, ModelConfig model, Optional<String> profile) {
        this(requested, model, profile, profile.map(p -> requested.startsWith(p + ":")
                ? requested.substring(p.length() + 1) : requested).orElse(requested));
    }

    /**
     * This route for a request that has waited since {@code nanos} ({@link System#nanoTime()}), and that
     * the configuration before a reload had let in if {@code letIn}.
     */
    public Route waitingSince(long nanos, boolean letIn) {
        return new Route(requested, model, profile, forwardAs, OptionalLong.of(nanos), letIn, presence);
    }

    /** This route for a request whose client {@code presence} looks at (see {@link Presence}). */
    public Route withPresence(Presence presence) {
        return new Route(requested, model, profile, forwardAs, waitingSince, letIn, presence);
    }

    public String modelId() {
        return model.id();
    }

    /** Whether the forwarded body must carry another name than the client sent. */
    public boolean renames() {
        return !forwardAs.equals(requested);
    }

    /**
     * The name the upstream must see instead of the requested one, if another: the model's
     * {@code useModelName}, else {@link #forwardAs} where it differs.
     */
    public Optional<String> upstreamName() {
        return model.useModelName().or(() -> Optional.of(forwardAs).filter(name -> renames()));
    }
}
