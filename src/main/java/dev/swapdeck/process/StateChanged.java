package dev.swapdeck.process;

import dev.swapdeck.event.Event;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * Published for every lifecycle move, legal ones only. {@code reason} says why, for people;
 * {@code failed} marks a move to stopped because the start failed or the process died, and
 * {@code exitCode} is then the code it exited with, when it exited on its own.
 */
public record StateChanged(String model, ProcessState from, ProcessState to, Instant at, String reason, boolean failed,
        OptionalInt exitCode) implements Event {

    /** A move that is no failure. */
    public StateChanged(String model, ProcessState from, ProcessState to, Instant at, String reason) {
        this(model, from, to, at, reason, false, OptionalInt.empty());
    }

    @Override
    public String type() {
        return "state";
    }
}
