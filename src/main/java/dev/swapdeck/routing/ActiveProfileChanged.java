package dev.swapdeck.routing;

import dev.swapdeck.event.Event;
import java.time.Instant;
import java.util.Optional;

/** The running set switched to a profile, or back to one model at a time (empty). */
public record ActiveProfileChanged(Optional<String> profile, Instant at) implements Event {
    @Override
    public String type() {
        return "profile";
    }
}
