package dev.swapdeck.activity;

import dev.swapdeck.event.EventBus;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.process.StateChanged;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each model's state as {@link StateChanged} events report it, and a count of stops begun, read on
 * the request path without asking the router (a map lookup, no lock). A model never seen is stopped.
 */
public final class ModelStates {
    private final Map<String, ProcessState> states = new ConcurrentHashMap<>();
    private final AtomicLong stopsBegun = new AtomicLong();

    ModelStates(EventBus bus) {
        bus.subscribe(event -> {
            if (event instanceof StateChanged change) {
                states.put(change.model(), change.to());
                if (change.to() == ProcessState.STOPPING) {
                    stopsBegun.incrementAndGet();
                }
            }
        });
    }

    public ProcessState state(String model) {
        return states.getOrDefault(model, ProcessState.STOPPED);
    }

    /** How many times any model began to stop; a change across a wait means the wait included a swap. */
    public long stopsBegun() {
        return stopsBegun.get();
    }
}
