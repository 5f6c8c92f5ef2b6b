package dev.swapdeck.routing;

import dev.swapdeck.event.Event;
import java.time.Instant;
import java.util.Optional;

/** The active pin profile (llama-swap's current profiles) was switched, or none is active (empty). */
public record PinProfileChanged(Optional<String> profile, Instant at) implements Event {
    @Override
    public String type() {
        return "pins";
    }
}
