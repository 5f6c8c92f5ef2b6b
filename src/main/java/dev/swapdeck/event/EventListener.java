package dev.swapdeck.event;

/**
 * Receives events synchronously on the publisher's thread. Implementations must return quickly and
 * never block: an upstream's output reader and the proxy's IO threads publish. Anything slower belongs
 * behind an {@link EventQueue}.
 */
@FunctionalInterface
public interface EventListener {
    void onEvent(Event event);
}
