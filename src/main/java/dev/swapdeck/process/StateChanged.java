package dev.swapdeck.process;

import dev.swapdeck.event.Event;
import java.time.Instant;

/**
 * Published for every lifecycle move, legal ones only. {@code reason} says why, for people;
 * {@code failed} marks a move to stopped because the start failed or the process died.
 */
public record StateChanged(String model, ProcessState from, ProcessState to, Instant at, String reason, boolean failed)
        implements Event {

    /** A move that is no failure. */
    public StateChanged(String model, ProcessState from, ProcessState to, Instant at, String reason) {
        this(model, from, to, at, reason, false);
    }

    @Override
    public String type() {
        return "state";
    }
}
