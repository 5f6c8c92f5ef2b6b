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
    private final boolean letIn;

    public RoutingException(Kind kind, String message) {
        this(kind, message, false);
    }

    private RoutingException(Kind kind, String message, boolean letIn) {
        super(message);
        this.kind = kind;
        this.letIn = letIn;
    }

    /** {@code RELOADING} for a request the old configuration had let in ({@link #letIn}) or not. */
    static RoutingException reloading(String message, boolean letIn) {
        return new RoutingException(Kind.RELOADING, message, letIn);
    }

    public Kind kind() {
        return kind;
    }

    /**
     * With {@code RELOADING}: the request was queued or admitted under its model's {@code concurrencyLimit}
     * when the reload began, so the new configuration keeps its place whatever its limit (see {@link Route#letIn}).
     */
    boolean letIn() {
        return letIn;
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
