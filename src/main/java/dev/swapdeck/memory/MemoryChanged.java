package dev.swapdeck.memory;

import dev.swapdeck.event.Event;
import java.time.Instant;

/** A sample changed what memory looks like (published by {@link MemoryMonitor}; SSE {@code event: memory}). */
public record MemoryChanged(MemoryReport report, Instant at) implements Event {

    @Override
    public String type() {
        return "memory";
    }
}
