package dev.swapdeck.routing;

import dev.swapdeck.process.ShuttingDownException;
import dev.swapdeck.process.StartFailedException;
import java.util.concurrent.CompletionException;

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
        SHUTTING_DOWN,
        /**
         * A reload is handing the router over and this router cannot serve the request: the engine
         * routes it again once the new configuration is in force (a 503 only if that cannot happen).
         */
        RELOADING,
        /** 503: the model does not fit in the memory budget even with every evictable model gone. */
        NO_ROOM
    }

    private final Kind kind;

    public RoutingException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** What a failed start or an unexpected error means for the request that waited on it. */
    static RoutingException of(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof RoutingException routing) {
            return routing;
        }
        if (cause instanceof ShuttingDownException) {
            return new RoutingException(Kind.SHUTTING_DOWN, cause.getMessage());
        }
        if (cause instanceof StartFailedException failed) {
            return new RoutingException(Kind.UPSTREAM_FAILED,
                    "model '" + failed.model() + "' could not be started: " + failed.getMessage());
        }
        return new RoutingException(Kind.UPSTREAM_FAILED, "upstream failed: "
                + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
    }
}
