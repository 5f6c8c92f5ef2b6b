package dev.swapdeck.engine;

import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.event.Event;
import java.time.Instant;

/** A configuration took effect (at launch or after a reload). */
public record ConfigLoaded(SwapdeckConfig config, Instant at) implements Event {
    @Override
    public String type() {
        return "config";
    }
}
