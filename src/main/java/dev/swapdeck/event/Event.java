package dev.swapdeck.event;

import java.time.Instant;

/**
 * Something that happened in the engine that the window, {@code /api/events} and the logs all see.
 * Concrete events live in the package that emits them (a state change in {@code process}, a log line
 * in {@code logging}); this package only carries them.
 */
public interface Event {
    /** When it happened. */
    Instant at();

    /** Short machine name used as the SSE {@code event:} field, e.g. {@code state} or {@code log}. */
    String type();

    /**
     * About how many bytes of text it holds, against a queue's budget ({@link EventBus#subscribeQueue}):
     * a log line its text, most events a few fields.
     */
    default int weight() {
        return 64;
    }

    /**
     * Whether a queue may shed it to keep room for the others ({@link EventQueue}): a log line, of which a
     * flooding server brings thousands a second and whose loss a reader is told of, yes; a state change or
     * a finished request's record, which no later event repeats, no.
     */
    default boolean sheddable() {
        return false;
    }
}
