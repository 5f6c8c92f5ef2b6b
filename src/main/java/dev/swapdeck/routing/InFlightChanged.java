package dev.swapdeck.routing;

import dev.swapdeck.event.Event;
import java.time.Instant;

/** The number of requests in flight (or waiting) for a model changed. */
public record InFlightChanged(String model, int inFlight, Instant at) implements Event {
    @Override
    public String type() {
        return "inflight";
    }
}
