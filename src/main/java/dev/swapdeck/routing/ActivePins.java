package dev.swapdeck.routing;

import dev.swapdeck.config.PinProfile;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.OneLine;
import dev.swapdeck.logging.ProxyLog;
import dev.swapdeck.routing.RoutingException.Kind;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Which pin profile (llama-swap's current profiles) is active: none after start and after a reload,
 * as in llama-swap; switched with {@code PUT /api/profiles/active} or from the window. Thread-safe.
 */
final class ActivePins {
    private final Map<String, PinProfile> profiles;
    private final EventBus bus;
    private final ProxyLog log;
    private final AtomicReference<Optional<PinProfile>> active = new AtomicReference<>(Optional.empty());

    ActivePins(SwapdeckConfig config, EventBus bus, ProxyLog log) {
        this.profiles = config.routing().pinProfiles();
        this.bus = bus;
        this.log = log;
    }

    Optional<PinProfile> get() {
        return active.get();
    }

    /**
     * Makes {@code name} the active pin profile; empty switches pins off. Requests already routed keep
     * their model.
     *
     * @throws RoutingException {@code UNKNOWN_MODEL} when no pin profile has that name
     */
    void activate(Optional<String> name) {
        Optional<PinProfile> next = name.map(n -> Optional.ofNullable(profiles.get(n))
                .orElseThrow(() -> new RoutingException(Kind.UNKNOWN_MODEL, "no profile named " + OneLine.quotedName(n)
                        + " with pins; GET /api/profiles lists them (configured: " + profiles.keySet() + ")")));
        if (active.getAndSet(next).equals(next)) {
            return;
        }
        log.info(name.map(n -> "pin profile '" + n + "' is active").orElse("no pin profile is active"));
        bus.publish(new PinProfileChanged(name, Instant.now()));
    }
}
