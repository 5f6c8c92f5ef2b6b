package dev.swapdeck.routing;

/**
 * A request that cannot be routed. The kind decides the HTTP status the proxy answers with; the
 * message tells the user what happened and what to do.
 */
public final class RoutingException extends RuntimeException {

    public enum Kind {
        /** 404: no model, alias or profile by that name. */
        UNKNOWN_MODEL,
        /** 429: the model's {@code concurrencyLimit} is reached. */
        TOO_MANY_REQUESTS,
        /** 502: the upstream could not be started or became unreachable. */
        UPSTREAM_FAILED,
        /** 503: Swapdeck is shutting down. */
        SHUTTING_DOWN
    }

    private final Kind kind;

    public RoutingException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
