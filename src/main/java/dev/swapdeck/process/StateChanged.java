package dev.swapdeck.process;

import dev.swapdeck.event.Event;
import java.time.Instant;

/** Published for every lifecycle move, legal ones only. {@code reason} says why, for people. */
public record StateChanged(String model, ProcessState from, ProcessState to, Instant at, String reason)
        implements Event {

    @Override
    public String type() {
        return "state";
    }
}
