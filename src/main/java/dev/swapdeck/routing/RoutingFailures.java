package dev.swapdeck.routing;

import dev.swapdeck.process.ShuttingDownException;
import dev.swapdeck.process.StartFailedException;
import dev.swapdeck.routing.RoutingException.Kind;
import java.util.concurrent.CompletionException;

/** Turns why a model could not be made ready into the {@link RoutingException} its callers get. */
final class RoutingFailures {

    private RoutingFailures() {
    }

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
        return new RoutingException(Kind.UPSTREAM_FAILED, "upstream failed: " + cause);
    }
}
