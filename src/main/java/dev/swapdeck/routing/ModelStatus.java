package dev.swapdeck.routing;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.process.ProcessInfo;
import dev.swapdeck.process.ProcessState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the window and {@code /api/models} show about one model at one moment.
 *
 * @param inFlight      requests being served or waiting for this model (clients', not Load commands)
 * @param loads         Load commands waiting for this model to be ready
 * @param profiles      profiles this model is a member of
 * @param ttlRemaining  time left before the TTL stops it (only when ready, idle and a TTL is set)
 * @param routing       its group, matrix sets, pins, selectors and priority
 */
public record ModelStatus(
        ModelConfig config,
        ProcessInfo process,
        int inFlight,
        int loads,
        List<String> profiles,
        Optional<Duration> ttlRemaining,
        ModelRouting routing) {

    /** A status with no routing rules to show. */
    public ModelStatus(ModelConfig config, ProcessInfo process, int inFlight, List<String> profiles,
            Optional<Duration> ttlRemaining) {
        this(config, process, inFlight, 0, profiles, ttlRemaining, ModelRouting.none());
    }

    public String id() {
        return config.id();
    }

    /**
     * The requests and Load commands that wait for this model to start while it is stopped: a swap is
     * making room (the models in its way finish their requests first), or its start is about to begin.
     * 0 otherwise.
     */
    public int waitingToStart() {
        return process.state() == ProcessState.STOPPED ? inFlight + loads : 0;
    }

    /** Whether a new request would find the model at its {@code concurrencyLimit} (the router's rule, as of this status). */
    public boolean atConcurrencyLimit() {
        return inFlight >= config.concurrencyLimit();
    }
}
