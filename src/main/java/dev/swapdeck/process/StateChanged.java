package dev.swapdeck.process;

import dev.swapdeck.event.Event;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * Published for every lifecycle move, legal ones only. {@code at} is when, for people; {@code nanos}
 * the same moment on {@link System#nanoTime}, for measuring how long a state lasted whatever the wall
 * clock did meanwhile (an NTP step, a suspend). {@code reason} says why, for people; {@code failed}
 * marks a move to stopped because the start failed or the process died, and {@code exitCode} is then
 * the code it exited with, when it exited on its own.
 */
public record StateChanged(String model, ProcessState from, ProcessState to, Instant at, long nanos, String reason,
        boolean failed, OptionalInt exitCode) implements Event {

    /** A move made now that is no failure. */
    public StateChanged(String model, ProcessState from, ProcessState to, Instant at, String reason) {
        this(model, from, to, at, System.nanoTime(), reason, false, OptionalInt.empty());
    }

    @Override
    public String type() {
        return "state";
    }
}
